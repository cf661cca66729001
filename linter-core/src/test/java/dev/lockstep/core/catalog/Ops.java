package dev.lockstep.core.catalog;

import dev.lockstep.core.effects.LockMode;
import dev.lockstep.core.ir.ColumnDef;
import dev.lockstep.core.ir.ConstraintDef;
import dev.lockstep.core.ir.ConstraintKind;
import dev.lockstep.core.ir.Expr;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.ir.TableAction;
import dev.lockstep.core.ir.TypeRef;
import dev.lockstep.core.ir.Volatility;
import dev.lockstep.core.source.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Test-side builders for IR operations, so tests read like the SQL they stand for. */
public final class Ops {
  public static final Span S = Span.EMPTY;

  private Ops() {}

  // ------------------------------------------------------------ names, types, expressions

  /** {@code "orders"} or {@code "app.orders"}. */
  public static ObjectName n(String name) {
    int dot = name.indexOf('.');
    return dot < 0 ? ObjectName.of(name) : ObjectName.of(name.substring(0, dot), name.substring(dot + 1));
  }

  public static List<ObjectName> names(String... names) {
    return Arrays.stream(names).map(Ops::n).toList();
  }

  public static TypeRef type(String name, Integer... modifiers) {
    String text = modifiers.length == 0 ? name
        : name + "(" + String.join(",", Arrays.stream(modifiers).map(String::valueOf).toList()) + ")";
    return new TypeRef(name, "", List.of(modifiers), 0, text);
  }

  public static TypeRef arrayOf(TypeRef t) {
    return new TypeRef(t.name(), t.schema(), t.modifiers(), t.arrayDims() + 1, t.text() + "[]");
  }

  public static Expr constant(String text) {
    return new Expr(text, S, Volatility.IMMUTABLE, true);
  }

  public static Expr expr(String text, Volatility v) {
    return new Expr(text, S, v, false);
  }

  // ------------------------------------------------------------ columns and constraints

  public static Col col(String name, TypeRef type) {
    return new Col(name, type);
  }

  public static Col col(String name, String type, Integer... modifiers) {
    return new Col(name, type(type, modifiers));
  }

  /** Column definition builder. */
  public static final class Col {
    private final String name;
    private final TypeRef type;
    private boolean notNull;
    private Optional<Expr> def = Optional.empty();
    private ColumnDef.Generated generated = ColumnDef.Generated.NONE;
    private ColumnDef.Identity identity = ColumnDef.Identity.NONE;
    private final List<ConstraintDef> constraints = new ArrayList<>();

    Col(String name, TypeRef type) {
      this.name = name;
      this.type = type;
    }

    public Col notNull() {
      notNull = true;
      return this;
    }

    public Col def(Expr e) {
      def = Optional.of(e);
      return this;
    }

    public Col def(String constantText) {
      return def(constant(constantText));
    }

    public Col stored() {
      generated = ColumnDef.Generated.STORED;
      return this;
    }

    public Col virtual() {
      generated = ColumnDef.Generated.VIRTUAL;
      return this;
    }

    public Col identity() {
      identity = ColumnDef.Identity.ALWAYS;
      return this;
    }

    public Col pk() {
      constraints.add(constraint(ConstraintKind.PRIMARY_KEY, List.of(name)));
      return this;
    }

    public Col unique() {
      constraints.add(constraint(ConstraintKind.UNIQUE, List.of(name)));
      return this;
    }

    public Col references(String table) {
      constraints.add(fk(List.of(name), table));
      return this;
    }

    public Col check(String expression) {
      constraints.add(Ops.check(expression).withColumns(List.of(name)).build());
      return this;
    }

    public ColumnDef build() {
      return new ColumnDef(name, type, notNull, def, generated, identity, constraints, Optional.empty(), S);
    }
  }

  public static ConstraintDef constraint(ConstraintKind kind, List<String> columns) {
    return new ConstraintDef(Optional.empty(), kind, columns, Optional.empty(), List.of(), Optional.empty(),
        Optional.empty(), false, Optional.empty(), S);
  }

  public static ConstraintDef pk(String... columns) {
    return constraint(ConstraintKind.PRIMARY_KEY, List.of(columns));
  }

  public static ConstraintDef unique(String... columns) {
    return constraint(ConstraintKind.UNIQUE, List.of(columns));
  }

  public static ConstraintDef fk(List<String> columns, String table) {
    return new ConstraintDef(Optional.empty(), ConstraintKind.FOREIGN_KEY, columns, Optional.of(n(table)), List.of(),
        Optional.empty(), Optional.empty(), false, Optional.empty(), S);
  }

  public static Con check(String expression) {
    return new Con(ConstraintKind.CHECK).expression(expression);
  }

  public static Con con(ConstraintKind kind, String... columns) {
    return new Con(kind).withColumns(List.of(columns));
  }

  /** Constraint definition builder for named / NOT VALID / USING INDEX variants. */
  public static final class Con {
    private final ConstraintKind kind;
    private Optional<String> name = Optional.empty();
    private List<String> columns = List.of();
    private Optional<ObjectName> ref = Optional.empty();
    private Optional<String> usingIndex = Optional.empty();
    private Optional<Expr> expression = Optional.empty();
    private boolean notValid;

    Con(ConstraintKind kind) {
      this.kind = kind;
    }

    public Con named(String n) {
      name = Optional.of(n);
      return this;
    }

    public Con withColumns(List<String> cols) {
      columns = cols;
      return this;
    }

    public Con references(String table) {
      ref = Optional.of(n(table));
      return this;
    }

    public Con usingIndex(String index) {
      usingIndex = Optional.of(index);
      return this;
    }

    public Con expression(String text) {
      expression = Optional.of(constant(text));
      return this;
    }

    public Con notValid() {
      notValid = true;
      return this;
    }

    public ConstraintDef build() {
      return new ConstraintDef(name, kind, columns, ref, List.of(), usingIndex, expression, notValid, Optional.empty(),
          S);
    }
  }

  // ------------------------------------------------------------ operations

  public static Operation.CreateTable createTable(String name, Col... cols) {
    return createTable(name, List.of(cols), List.of());
  }

  public static Operation.CreateTable createTable(String name, List<Col> cols, List<ConstraintDef> constraints) {
    return new Operation.CreateTable(S, n(name), cols.stream().map(Col::build).toList(), constraints, false,
        Optional.empty(), false, false, false, false);
  }

  public static Operation.CreateTable createPartitioned(String name, Col... cols) {
    return new Operation.CreateTable(S, n(name), Arrays.stream(cols).map(Col::build).toList(), List.of(), false,
        Optional.empty(), true, false, false, false);
  }

  public static Operation.CreateTable createPartitionOf(String name, String parent) {
    return new Operation.CreateTable(S, n(name), List.of(), List.of(), false, Optional.of(n(parent)), false, false,
        false, false);
  }

  public static Operation.DropTable dropTable(String... tables) {
    return new Operation.DropTable(S, names(tables), false, false);
  }

  public static Operation.DropTable dropTableCascade(String... tables) {
    return new Operation.DropTable(S, names(tables), false, true);
  }

  public static Operation.RenameTable renameTable(String table, String newName) {
    return new Operation.RenameTable(S, n(table), newName, false);
  }

  public static Operation.AddColumn addColumn(String table, Col col) {
    return new Operation.AddColumn(S, n(table), col.build(), false);
  }

  public static Operation.DropColumn dropColumn(String table, String column) {
    return new Operation.DropColumn(S, n(table), column, false, false);
  }

  public static Operation.RenameColumn renameColumn(String table, String column, String newName) {
    return new Operation.RenameColumn(S, n(table), column, newName);
  }

  public static Operation.AlterColumnType alterType(String table, String column, TypeRef type) {
    return new Operation.AlterColumnType(S, n(table), column, type, Optional.empty(), Optional.empty());
  }

  public static Operation.AlterColumnType alterType(String table, String column, TypeRef type, String using) {
    return new Operation.AlterColumnType(S, n(table), column, type, Optional.of(constant(using)), Optional.empty());
  }

  public static Operation.SetNotNull setNotNull(String table, String column) {
    return new Operation.SetNotNull(S, n(table), column);
  }

  public static Operation.DropNotNull dropNotNull(String table, String column) {
    return new Operation.DropNotNull(S, n(table), column);
  }

  public static Operation.SetDefault setDefault(String table, String column, Expr value) {
    return new Operation.SetDefault(S, n(table), column, value);
  }

  public static Operation.DropDefault dropDefault(String table, String column) {
    return new Operation.DropDefault(S, n(table), column);
  }

  public static Operation.AddConstraint addConstraint(String table, ConstraintDef def) {
    return new Operation.AddConstraint(S, n(table), def);
  }

  public static Operation.AddConstraint addConstraint(String table, Con def) {
    return addConstraint(table, def.build());
  }

  public static Operation.ValidateConstraint validate(String table, String name) {
    return new Operation.ValidateConstraint(S, n(table), name);
  }

  public static Operation.DropConstraint dropConstraint(String table, String name) {
    return new Operation.DropConstraint(S, n(table), name, false, false);
  }

  public static Operation.RenameConstraint renameConstraint(String table, String name, String newName) {
    return new Operation.RenameConstraint(S, n(table), name, newName);
  }

  public static Operation.AlterTableOther alterTable(String table, TableAction action) {
    return new Operation.AlterTableOther(S, n(table), action, Optional.empty(), "");
  }

  public static Operation.AlterTableOther alterTable(String table, TableAction action, String detail) {
    return new Operation.AlterTableOther(S, n(table), action, Optional.empty(), detail);
  }

  public static Operation.AttachPartition attach(String parent, String partition) {
    return new Operation.AttachPartition(S, n(parent), n(partition), false);
  }

  public static Operation.AttachPartition attachDefault(String parent, String partition) {
    return new Operation.AttachPartition(S, n(parent), n(partition), true);
  }

  public static Operation.DetachPartition detach(String parent, String partition, boolean concurrently) {
    return new Operation.DetachPartition(S, n(parent), n(partition), concurrently, false);
  }

  /** {@code CREATE INDEX [name] ON table (columns...)}; name may be null for an unnamed index. */
  public static Operation.CreateIndex createIndex(String name, String table, String... columns) {
    return index(name, table, false, false, false, columns);
  }

  public static Operation.CreateIndex index(String name, String table, boolean unique, boolean concurrently,
      boolean only, String... elements) {
    List<String> cols = Arrays.stream(elements).filter(e -> e.matches("[a-z_][a-z0-9_]*")).toList();
    return new Operation.CreateIndex(S, Optional.ofNullable(name), n(table), unique, concurrently, false, only,
        "btree", List.of(elements), cols, Optional.empty());
  }

  public static Operation.DropIndex dropIndex(String... indexes) {
    return new Operation.DropIndex(S, names(indexes), false, false, false);
  }

  public static Operation.DropIndex dropIndexConcurrently(String... indexes) {
    return new Operation.DropIndex(S, names(indexes), true, false, false);
  }

  public static Operation.RenameIndex renameIndex(String index, String newName) {
    return new Operation.RenameIndex(S, n(index), newName, false);
  }

  public static Operation.Reindex reindex(Operation.ReindexTarget target, String name, boolean concurrently) {
    return new Operation.Reindex(S, target, n(name), concurrently);
  }

  public static Operation.CreateEnum createEnum(String name, String... values) {
    return new Operation.CreateEnum(S, n(name), List.of(values));
  }

  public static Operation.AddEnumValue addEnumValue(String type, String value) {
    return new Operation.AddEnumValue(S, n(type), value, false, Optional.empty(), Optional.empty());
  }

  public static Operation.AddEnumValue addEnumValueBefore(String type, String value, String before) {
    return new Operation.AddEnumValue(S, n(type), value, false, Optional.of(before), Optional.empty());
  }

  public static Operation.AddEnumValue addEnumValueAfter(String type, String value, String after) {
    return new Operation.AddEnumValue(S, n(type), value, false, Optional.empty(), Optional.of(after));
  }

  public static Operation.RenameEnumValue renameEnumValue(String type, String value, String newValue) {
    return new Operation.RenameEnumValue(S, n(type), value, newValue);
  }

  public static Operation.RenameType renameType(String type, String newName) {
    return new Operation.RenameType(S, n(type), newName);
  }

  public static Operation.DropType dropType(String... types) {
    return new Operation.DropType(S, names(types), false, false);
  }

  public static Operation.CreateView createView(String name, boolean materialized) {
    return new Operation.CreateView(S, n(name), materialized, false, true);
  }

  public static Operation.DropView dropView(String name, boolean materialized) {
    return new Operation.DropView(S, names(name), materialized, false, false);
  }

  public static Operation.Truncate truncate(String... tables) {
    return new Operation.Truncate(S, names(tables), false);
  }

  public static Operation.LockTable lock(String table, LockMode mode) {
    return new Operation.LockTable(S, names(table), mode, false);
  }

  public static Operation.Update updateAll(String table, String... columns) {
    return new Operation.Update(S, n(table), List.of(columns), Optional.empty(), false);
  }

  public static Operation.Insert insert(String table) {
    return new Operation.Insert(S, n(table), false, Operation.Insert.OnConflict.NONE);
  }

  public static Operation.Other other(String command, String... relations) {
    return new Operation.Other(S, command, names(relations));
  }

  // ------------------------------------------------------------ replay

  public static final Origin ORIGIN = new Origin("V1__init.sql", 0, 0, 1);

  /** A catalog with the operations applied in order. */
  public static Catalog catalog(Operation... ops) {
    Catalog c = new Catalog();
    for (Operation op : ops) {
      c.apply(op, ORIGIN);
    }
    return c;
  }
}
