package dev.lockstep.core.catalog;

import dev.lockstep.core.ir.ColumnDef;
import dev.lockstep.core.ir.ConstraintDef;
import dev.lockstep.core.ir.ConstraintKind;
import dev.lockstep.core.ir.Expr;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.ir.TableAction;
import dev.lockstep.core.ir.TypeRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How each operation changes the catalog, following what PostgreSQL does: default names for
 * constraints and indexes, backing indexes of PRIMARY KEY / UNIQUE, indexes and constraints that
 * go away with a dropped column, renames that carry over to foreign keys of other tables.
 * Operations on objects the catalog does not know change nothing; replay never throws.
 */
final class CatalogReplay {
  private CatalogReplay() {}

  static void apply(Catalog c, Operation op, Origin origin) {
    new Step(c, origin).apply(op);
  }

  static Column column(ColumnDef d, Origin origin) {
    return new Column(d.name(), d.type(), d.effectivelyNotNull(), d.defaultValue(),
        d.generated() != ColumnDef.Generated.NONE, d.identity() != ColumnDef.Identity.NONE, origin,
        Column.collationOf(d.collation()));
  }

  /** One operation applied to one catalog. */
  private static final class Step {
    private final Catalog c;
    private final Origin origin;

    Step(Catalog c, Origin origin) {
      this.c = c;
      this.origin = origin;
    }

    void apply(Operation op) {
      if (op instanceof Operation.CreateTable o) {
        createTable(o);
      } else if (op instanceof Operation.DropTable o) {
        o.tables().forEach(this::dropTable);
      } else if (op instanceof Operation.RenameTable o) {
        renameRelation(o.relation(), o.newName());
      } else if (op instanceof Operation.AddColumn o) {
        addColumn(o);
      } else if (op instanceof Operation.DropColumn o) {
        c.dependentViews(o.relation(), o.column()).forEach(v -> dropView(v.name()));
        dropColumn(o.relation(), o.column());
      } else if (op instanceof Operation.RenameColumn o) {
        renameColumn(o.relation(), o.column(), o.newName());
      } else if (op instanceof Operation.Update o) {
        written(o.relation(), o.setColumns());
      } else if (op instanceof Operation.Insert o) {
        written(o.relation(), o.columns());
      } else if (op instanceof Operation.AlterColumnType o && o.using().isPresent()) {
        written(o.relation(), List.of(o.column()));
        updateColumn(o.relation(), o.column(), col -> col.withTypeAndCollation(o.type(), o.collation()));
      } else if (op instanceof Operation.AlterColumnType o) {
        updateColumn(o.relation(), o.column(), col -> col.withTypeAndCollation(o.type(), o.collation()));
      } else if (op instanceof Operation.SetNotNull o) {
        updateColumn(o.relation(), o.column(), col -> col.withNotNull(true));
        c.table(o.relation()).ifPresent(t -> c.putTable(t.withConstraints(t.constraints().stream()
            .map(k -> isNotNullOn(k, o.column()) ? k.withValidated(true) : k).toList())));
      } else if (op instanceof Operation.DropNotNull o) {
        updateColumn(o.relation(), o.column(), col -> col.withNotNull(false));
        c.table(o.relation()).ifPresent(t -> c.putTable(t.withConstraints(
            t.constraints().stream().filter(k -> !isNotNullOn(k, o.column())).toList())));
      } else if (op instanceof Operation.SetDefault o) {
        updateColumn(o.relation(), o.column(), col -> col.withDefault(Optional.of(o.value())));
      } else if (op instanceof Operation.DropDefault o) {
        updateColumn(o.relation(), o.column(), col -> col.withDefault(Optional.empty()));
      } else if (op instanceof Operation.AddConstraint o) {
        c.table(o.relation()).ifPresent(t -> addConstraint(t.name(), o.constraint(), List.of()));
      } else if (op instanceof Operation.ValidateConstraint o) {
        validateConstraint(o.relation(), o.name());
      } else if (op instanceof Operation.DropConstraint o) {
        dropConstraint(o.relation(), o.name());
      } else if (op instanceof Operation.RenameConstraint o) {
        renameConstraint(o.relation(), o.name(), o.newName());
      } else if (op instanceof Operation.AlterTableOther o) {
        alterTableOther(o);
      } else if (op instanceof Operation.AttachPartition o) {
        attach(o);
      } else if (op instanceof Operation.DetachPartition o) {
        c.table(o.partition()).ifPresent(p -> {
          c.putTable(withPartitionOf(p, Optional.empty()));
          c.setDefaultPartition(p.name(), false);
          c.setPartitionBound(p.name(), Optional.empty());
          c.indexesOn(p.name()).forEach(i -> c.unlinkIndex(i.name()));
        });
      } else if (op instanceof Operation.CreateIndex o) {
        createIndex(o);
      } else if (op instanceof Operation.DropIndex o) {
        o.indexes().forEach(i -> dropIndex(i, o.cascade()));
      } else if (op instanceof Operation.RenameIndex o) {
        c.index(o.index()).ifPresent(i -> renameIndex(i, o.newName()));
      } else if (op instanceof Operation.Cluster o && o.relation().isPresent() && o.index().isPresent()) {
        c.table(o.relation().get()).ifPresent(t -> c.setClusterIndex(t.name(),
            Optional.of(new ObjectName(t.name().schema(), o.index().get()))));
      } else if (op instanceof Operation.CreateEnum o) {
        ObjectName n = Catalog.resolve(o.type());
        c.putEnum(new EnumType(n, o.values(), origin));
      } else if (op instanceof Operation.AddEnumValue o) {
        addEnumValue(o);
      } else if (op instanceof Operation.RenameEnumValue o) {
        c.enumType(o.type()).ifPresent(e -> c.putEnum(new EnumType(e.name(),
            e.values().stream().map(v -> v.equals(o.value()) ? o.newValue() : v).toList(), e.origin())));
      } else if (op instanceof Operation.RenameType o) {
        renameType(o);
      } else if (op instanceof Operation.DropType o) {
        o.types().forEach(c::removeEnum);
      } else if (op instanceof Operation.CreateView o) {
        c.putView(new View(Catalog.resolve(o.view()), o.materialized(), origin, o.reads()));
      } else if (op instanceof Operation.DropView o) {
        o.views().forEach(this::dropView);
      } else if (op instanceof Operation.DropSequence o && o.cascade()) {
        o.sequences().forEach(this::dropSequenceDefaults);
      }
      // Everything else (DML, TRUNCATE, maintenance, settings, transactions, unknown commands)
      // leaves the schema as it is.
    }

    /**
     * DROP SEQUENCE ... CASCADE drops the column defaults that call nextval() on it; a serial
     * column whose sequence it is keeps its integer type without a default.
     */
    private void dropSequenceDefaults(ObjectName sequence) {
      ObjectName seq = Catalog.resolve(sequence);
      for (Table t : c.tables()) {
        List<Column> cols = new ArrayList<>(t.columns().size());
        boolean changed = false;
        for (Column col : t.columns()) {
          // an identity column's sequence cannot be dropped
          boolean uses = !col.identity() && Catalog.sequenceOf(t.name(), col).map(seq::equals).orElse(false);
          if (uses && col.type().isSerial()) {
            String base = col.type().name().equals("bigserial") ? "bigint"
                : col.type().name().equals("smallserial") ? "smallint" : "integer";
            cols.add(col.withType(new TypeRef(base, "", List.of(), 0, base)).withDefault(Optional.empty()));
            changed = true;
          } else if (uses) {
            cols.add(col.withDefault(Optional.empty()));
            changed = true;
          } else {
            cols.add(col);
          }
        }
        if (changed) {
          c.putTable(t.withColumns(cols));
        }
      }
    }

    // ------------------------------------------------------------ tables

    private void createTable(Operation.CreateTable ct) {
      ObjectName name = Catalog.resolve(ct.relation());
      if (c.table(name).isPresent() && ct.ifNotExists()) {
        return;
      }
      c.removeTable(name);
      Optional<ObjectName> parentName = ct.partitionOf().map(Catalog::resolve);
      List<Column> cols = new ArrayList<>();
      Optional<Table> parent = parentName.flatMap(c::table);
      parent.ifPresent(p -> p.columns().forEach(pc -> cols.add(pc.withOrigin(origin))));
      for (ColumnDef d : ct.columns()) {
        Column col = column(d, origin);
        int at = indexOf(cols, d.name());
        if (at >= 0) {
          Column inherited = cols.get(at);
          cols.set(at, inherited.withNotNull(inherited.notNull() || d.notNull())
              .withDefault(d.defaultValue().isPresent() ? d.defaultValue() : inherited.defaultValue()));
        } else {
          cols.add(col);
        }
      }
      c.putTable(new Table(name, cols, List.of(), ct.partitioned(), parentName, ct.temporary(), ct.unlogged(),
          origin));
      c.setDefaultPartition(name, parentName.isPresent() && ct.defaultPartition());
      c.setPartitionBound(name, parentName.isPresent() ? ct.bound() : Optional.empty());
      c.setPartitionKey(name, ct.partitioned() ? ct.partitionKey() : Optional.empty());
      c.setClusterIndex(name, Optional.empty());
      parent.ifPresent(p -> {
        for (Constraint k : p.constraints()) {
          if (k.kind() == ConstraintKind.CHECK) {
            appendConstraint(name, k.withOrigin(origin));
          }
        }
      });
      for (ColumnDef d : ct.columns()) {
        for (ConstraintDef k : d.constraints()) {
          addConstraint(name, k, List.of(d.name()));
        }
      }
      for (ConstraintDef k : ct.constraints()) {
        addConstraint(name, k, List.of());
      }
      if (parent.isPresent()) {
        Table created = c.table(name).orElseThrow();
        for (Index pi : c.indexesOn(parent.get().name())) {
          attachIndex(pi, created);
        }
      }
    }

    /** Drops a view with its indexes, and the views that depend on it. */
    private void dropView(ObjectName view) {
      ObjectName n = Catalog.resolve(view);
      if (c.view(n).isEmpty()) {
        return;
      }
      c.removeView(n);
      c.indexMap().values().removeIf(i -> i.table().equals(n));
      c.dependentViews(n).forEach(v -> dropView(v.name()));
    }

    private void dropTable(ObjectName table) {
      ObjectName n = Catalog.resolve(table);
      // views over it go too (DROP ... CASCADE; without CASCADE the server refuses)
      c.dependentViews(n).forEach(v -> dropView(v.name()));
      if (c.table(n).isEmpty()) {
        if (c.view(n).isPresent()) {
          c.removeView(n);
        }
        return;
      }
      for (Table p : c.allPartitionsOf(n)) {
        c.removeTable(p.name());
      }
      c.removeTable(n);
      // Foreign keys of other tables that pointed at it go too (DROP ... CASCADE; without CASCADE
      // the server refuses, and then nothing that follows can rely on the table anyway).
      List<Table> changed = new ArrayList<>();
      for (Table other : c.tableMap().values()) {
        List<Constraint> kept = null;
        List<Constraint> cons = other.constraints();
        for (int i = 0; i < cons.size(); i++) {
          Constraint k = cons.get(i);
          boolean dropped = k.kind() == ConstraintKind.FOREIGN_KEY && k.referencedTable().isPresent()
              && Catalog.resolvesTo(k.referencedTable().get(), n);
          if (dropped && kept == null) {
            kept = new ArrayList<>(cons.subList(0, i));
          } else if (!dropped && kept != null) {
            kept.add(k);
          }
        }
        if (kept != null) {
          changed.add(other.withConstraints(kept));
        }
      }
      changed.forEach(c::putTable);
    }

    /** {@code ALTER TABLE|VIEW|INDEX ... RENAME TO}: PostgreSQL accepts any relation after ALTER TABLE. */
    private void renameRelation(ObjectName relation, String newName) {
      ObjectName from = Catalog.resolve(relation);
      ObjectName to = new ObjectName(from.schema(), newName);
      Optional<Table> table = c.table(from);
      if (table.isPresent()) {
        moveTable(table.get(), to);
        return;
      }
      Optional<Index> index = c.index(from);
      if (index.isPresent()) {
        renameIndex(index.get(), newName);
        return;
      }
      c.view(from).ifPresent(v -> {
        c.removeView(from);
        c.putView(v.withName(to));
        List<Index> on = c.indexesOn(from);
        for (Index i : on) {
          c.putIndex(withTable(i, to));
        }
      });
    }

    /** Renames or moves a table; indexes and constraints keep their names, other tables' FKs follow. */
    private void moveTable(Table t, ObjectName to) {
      ObjectName from = t.name();
      if (from.equals(to)) {
        return;
      }
      List<Index> indexes = c.indexesOn(from);
      c.forgetTable(from);
      boolean wasDefault = c.isDefaultPartition(from);
      c.setDefaultPartition(from, false);
      c.putTable(retarget(t, from, to).withName(to));
      c.setDefaultPartition(to, wasDefault);
      c.moveTableState(from, to);
      for (Index i : indexes) {
        ObjectName newIndexName = to.schema().equals(from.schema()) ? i.name()
            : new ObjectName(to.schema(), i.name().name());
        c.replaceIndex(i.name(), i.moved(newIndexName, to, i.constraint()));
      }
      for (Table other : c.tables()) {
        if (other.name().equals(to)) {
          continue;
        }
        Table moved = retarget(other, from, to);
        if (other.partitionOf().map(from::equals).orElse(false)) {
          moved = withPartitionOf(moved, Optional.of(to));
        }
        if (!moved.equals(other)) {
          c.putTable(moved);
        }
      }
    }

    /** {@code t} with foreign keys that referenced {@code from} now referencing {@code to}. */
    private static Table retarget(Table t, ObjectName from, ObjectName to) {
      List<Constraint> cons = new ArrayList<>();
      boolean changed = false;
      for (Constraint k : t.constraints()) {
        if (k.kind() == ConstraintKind.FOREIGN_KEY
            && k.referencedTable().map(r -> Catalog.resolve(r).equals(from)).orElse(false)) {
          cons.add(new Constraint(k.name(), k.kind(), k.columns(), Optional.of(to), k.expression(), k.validated(),
              k.index(), k.origin(), k.onDelete(), k.onUpdate(), k.referencedColumns()));
          changed = true;
        } else {
          cons.add(k);
        }
      }
      return changed ? t.withConstraints(cons) : t;
    }

    // ------------------------------------------------------------ columns

    private void addColumn(Operation.AddColumn ac) {
      Optional<Table> table = c.table(ac.relation());
      if (table.isEmpty()) {
        return;
      }
      Table t = table.get();
      if (t.column(ac.column().name()).isPresent()) {
        return;
      }
      List<Column> cols = new ArrayList<>(t.columns());
      cols.add(column(ac.column(), origin));
      c.putTable(t.withColumns(cols));
      ColumnDef d = ac.column();
      c.setUnfilled(t.name(), d.name(), !d.hasAnyDefault() && d.identity() == ColumnDef.Identity.NONE
          && d.generated() == ColumnDef.Generated.NONE && !d.type().isSerial());
      for (ConstraintDef k : ac.column().constraints()) {
        addConstraint(t.name(), k, List.of(ac.column().name()));
      }
      for (Table p : c.partitionsOf(t.name())) {
        addColumn(new Operation.AddColumn(ac.span(), p.name(), ac.column(), true));
      }
    }

    private void dropColumn(ObjectName relation, String column) {
      Optional<Table> table = c.table(relation);
      if (table.isEmpty() || table.get().column(column).isEmpty()) {
        return;
      }
      c.setUnfilled(table.get().name(), column, false);
      Table t = table.get();
      // PostgreSQL drops every index and table constraint that involves the column, including
      // multi-column ones (ALTER TABLE docs, DROP COLUMN).
      List<Constraint> kept = new ArrayList<>();
      for (Constraint k : t.constraints()) {
        if (k.involves(column)) {
          k.index().ifPresent(i -> c.removeIndex(new ObjectName(t.name().schema(), i)));
        } else {
          kept.add(k);
        }
      }
      for (Index i : c.indexesOn(t.name())) {
        if (i.columns().contains(column)) {
          c.removeIndex(i.name());
        }
      }
      c.putTable(t.withColumns(t.columns().stream().filter(x -> !x.name().equals(column)).toList())
          .withConstraints(kept));
      for (Table p : c.partitionsOf(t.name())) {
        dropColumn(p.name(), column);
      }
    }


    /** The history wrote {@code columns} of {@code relation} (every column when the list is empty). */
    private void written(ObjectName relation, List<String> columns) {
      List<ObjectName> all = new ArrayList<>();
      c.table(relation).ifPresent(t -> all.add(t.name()));
      c.allPartitionsOf(relation).forEach(p -> all.add(p.name()));
      for (ObjectName t : all) {
        if (columns.isEmpty()) {
          c.fillAll(t);
        } else {
          columns.forEach(col -> c.setUnfilled(t, col, false));
        }
      }
    }

    private void renameColumn(ObjectName relation, String column, String newName) {
      Optional<Table> table = c.table(relation);
      if (table.isEmpty() || table.get().column(column).isEmpty()) {
        return;
      }
      if (c.unfilled(table.get().name(), column)) {
        c.setUnfilled(table.get().name(), column, false);
        c.setUnfilled(table.get().name(), newName, true);
      }
      Table t = table.get();
      List<Column> cols = t.columns().stream().map(x -> x.name().equals(column) ? x.withName(newName) : x).toList();
      List<Constraint> cons = t.constraints().stream().map(k -> new Constraint(k.name(), k.kind(),
          rename(k.columns(), column, newName), k.referencedTable(),
          k.expression().map(e -> renameInExpr(e, column, newName)), k.validated(), k.index(), k.origin(),
          k.onDelete(), k.onUpdate(), k.referencedColumns())).toList();
      c.putTable(t.withColumns(cols).withConstraints(cons));
      for (Index i : c.indexesOn(t.name())) {
        boolean uses = i.columns().contains(column) || i.elements().stream().anyMatch(e -> mentions(e, column))
            || i.predicate().map(w -> mentions(w, column)).orElse(false) || mentions(Index.include(i.options()), column);
        if (uses) {
          // the definition follows the rename: elements, WHERE and INCLUDE name the new column
          c.putIndex(new Index(i.name(), i.table(), i.unique(), rename(i.columns(), column, newName), i.valid(),
              i.constraint(), i.origin(), i.method(),
              i.elements().stream().map(e -> renameInText(e, column, newName)).toList(),
              i.predicate().map(w -> renameInText(w, column, newName)),
              Index.withInclude(i.options(), renameInText(Index.include(i.options()), column, newName))));
        }
      }
      for (Table p : c.partitionsOf(t.name())) {
        renameColumn(p.name(), column, newName);
      }
    }

    private void updateColumn(ObjectName relation, String column, UnaryOperator<Column> change) {
      c.table(relation).ifPresent(t -> {
        if (t.column(column).isEmpty()) {
          return;
        }
        List<Column> cols = new ArrayList<>(t.columns().size());
        for (Column x : t.columns()) {
          cols.add(x.name().equals(column) ? change.apply(x) : x);
        }
        c.putTable(t.withColumns(cols));
        for (Table p : c.partitionsOf(t.name())) {
          updateColumn(p.name(), column, change);
        }
      });
    }

    // ------------------------------------------------------------ constraints

    /**
     * Adds a constraint to {@code table}; {@code columnOf} names the column for an inline column
     * constraint (used when the definition lists no columns).
     */
    private void addConstraint(ObjectName table, ConstraintDef def, List<String> columnOf) {
      Optional<Table> maybe = c.table(table);
      if (maybe.isEmpty()) {
        return;
      }
      Table t = maybe.get();
      List<String> cols = def.columns().isEmpty() ? columnOf : def.columns();
      if (def.name().isPresent() && t.constraint(def.name().get()).isPresent()) {
        return;
      }
      ConstraintKind kind = def.kind();
      boolean validated = !def.notValid();
      Optional<ObjectName> ref = def.referencedTable().map(Catalog::resolve);
      String schema = t.name().schema();
      String tableName = t.name().name();
      switch (kind) {
        case PRIMARY_KEY, UNIQUE, EXCLUDE -> {
          Optional<Index> existing = def.usingIndex().flatMap(i -> c.index(new ObjectName(schema, i)));
          String name;
          if (def.name().isPresent()) {
            name = def.name().get();
          } else if (existing.isPresent()) {
            name = existing.get().name().name();
          } else {
            String label = kind == ConstraintKind.PRIMARY_KEY ? "pkey" : kind == ConstraintKind.UNIQUE ? "key" : "excl";
            String colPart = kind == ConstraintKind.PRIMARY_KEY ? "" : PgNames.columnsPart(cols);
            name = PgNames.choose(tableName, colPart, label,
                n -> c.relationExists(new ObjectName(schema, n)) || constraintNameUsed(schema, n));
          }
          List<String> indexCols = existing.map(Index::columns).filter(x -> cols.isEmpty()).orElse(cols);
          Index backing = new Index(new ObjectName(schema, name), t.name(), kind != ConstraintKind.EXCLUDE, indexCols,
              true, name, existing.map(Index::origin).orElse(origin));
          if (existing.isPresent()) {
            c.replaceIndex(existing.get().name(), backing);
          } else {
            c.putIndex(backing);
          }
          appendConstraint(t.name(), new Constraint(name, kind, indexCols, Optional.empty(), def.expression(), true,
              Optional.of(name), origin));
          if (kind == ConstraintKind.PRIMARY_KEY) {
            for (String col : indexCols) {
              updateColumn(t.name(), col, x -> x.withNotNull(true));
            }
          }
          if (existing.isEmpty()) {
            for (Table p : c.partitionsOf(t.name())) {
              attachIndex(backing, p);
            }
          }
        }
        case FOREIGN_KEY -> {
          String name = def.name().orElseGet(() -> PgNames.choose(tableName, PgNames.columnsPart(cols), "fkey",
              n -> constraintNameUsed(schema, n)));
          appendConstraint(t.name(), new Constraint(name, kind, cols, ref, def.expression(), validated,
              Optional.empty(), origin, def.onDelete(), def.onUpdate(), def.referencedColumns()));
        }
        case CHECK -> {
          List<String> checkCols = cols.isEmpty() ? referencedColumns(t, def.expression()) : cols;
          String colPart = checkCols.size() == 1 ? checkCols.get(0) : "";
          String name = def.name().orElseGet(() -> PgNames.choose(tableName, colPart, "check",
              n -> constraintNameUsed(schema, n)));
          appendConstraint(t.name(), new Constraint(name, kind, cols, Optional.empty(), def.expression(), validated,
              Optional.empty(), origin));
        }
        case NOT_NULL -> {
          String col = cols.isEmpty() ? "" : cols.get(0);
          String name = def.name().orElseGet(() -> PgNames.choose(tableName, col, "not_null",
              n -> constraintNameUsed(schema, n)));
          appendConstraint(t.name(), new Constraint(name, kind, cols, Optional.empty(), def.expression(), validated,
              Optional.empty(), origin));
          if (validated && !col.isEmpty()) {
            updateColumn(t.name(), col, x -> x.withNotNull(true));
          }
        }
        default -> {
        }
      }
    }

    private void appendConstraint(ObjectName table, Constraint k) {
      c.table(table).ifPresent(t -> {
        List<Constraint> cons = new ArrayList<>(t.constraints());
        cons.add(k);
        c.putTable(t.withConstraints(cons));
      });
    }

    private boolean constraintNameUsed(String schema, String name) {
      for (Table t : c.tableMap().values()) {
        if (t.name().schema().equals(schema) && t.constraint(name).isPresent()) {
          return true;
        }
      }
      return false;
    }

    private static List<String> referencedColumns(Table t, Optional<Expr> expr) {
      if (expr.isEmpty()) {
        return List.of();
      }
      String masked = stripStrings(expr.get().text());
      List<String> out = new ArrayList<>();
      List<Column> columns = t.columns();
      for (int i = 0; i < columns.size(); i++) {
        if (mentionsMasked(masked, columns.get(i).name())) {
          out.add(columns.get(i).name());
        }
      }
      return List.copyOf(out);
    }

    private void validateConstraint(ObjectName relation, String name) {
      c.table(relation).ifPresent(t -> t.constraint(name).ifPresent(k -> {
        c.putTable(t.withConstraints(t.constraints().stream()
            .map(x -> x.name().equals(name) ? x.withValidated(true) : x).toList()));
        if (k.kind() == ConstraintKind.NOT_NULL) {
          k.columns().forEach(col -> updateColumn(t.name(), col, x -> x.withNotNull(true)));
        }
      }));
    }

    private void dropConstraint(ObjectName relation, String name) {
      c.table(relation).ifPresent(t -> t.constraint(name).ifPresent(k -> {
        c.putTable(t.withConstraints(t.constraints().stream().filter(x -> !x.name().equals(name)).toList()));
        k.index().ifPresent(i -> dropIndexTree(new ObjectName(t.name().schema(), i)));
        if (k.kind() == ConstraintKind.NOT_NULL) {
          k.columns().forEach(col -> updateColumn(t.name(), col, x -> x.withNotNull(false)));
        }
      }));
    }

    private void renameConstraint(ObjectName relation, String name, String newName) {
      c.table(relation).ifPresent(t -> t.constraint(name).ifPresent(k -> {
        Constraint renamed = k.index().isPresent()
            ? new Constraint(newName, k.kind(), k.columns(), k.referencedTable(), k.expression(), k.validated(),
                Optional.of(newName), k.origin())
            : k.withName(newName);
        c.putTable(t.withConstraints(t.constraints().stream().map(x -> x.name().equals(name) ? renamed : x)
            .toList()));
        k.index().flatMap(i -> c.index(new ObjectName(t.name().schema(), i))).ifPresent(i ->
            c.replaceIndex(i.name(), i.moved(new ObjectName(i.name().schema(), newName), i.table(), newName)));
      }));
    }

    private static boolean isNotNullOn(Constraint k, String column) {
      return k.kind() == ConstraintKind.NOT_NULL && k.columns().contains(column);
    }

    // ------------------------------------------------------------ other ALTER TABLE actions, partitions

    private void alterTableOther(Operation.AlterTableOther o) {
      Optional<Table> table = c.table(o.relation());
      TableAction a = o.action();
      if (a == TableAction.SET_SCHEMA) {
        String schema = o.detail().trim();
        if (schema.isEmpty()) {
          return;
        }
        if (table.isPresent()) {
          moveTable(table.get(), new ObjectName(schema, table.get().name().name()));
        } else {
          ObjectName from = Catalog.resolve(o.relation());
          c.view(from).ifPresent(v -> {
            c.removeView(from);
            c.putView(v.withName(new ObjectName(schema, from.name())));
          });
        }
        return;
      }
      if (table.isEmpty()) {
        return;
      }
      Table t = table.get();
      switch (a) {
        case CLUSTER_ON -> c.setClusterIndex(t.name(), o.detail().isBlank() ? Optional.empty()
            : Optional.of(new ObjectName(t.name().schema(), o.detail().trim())));
        case SET_WITHOUT_CLUSTER -> c.setClusterIndex(t.name(), Optional.empty());
        case SET_LOGGED, SET_UNLOGGED -> c.putTable(new Table(t.name(), t.columns(), t.constraints(), t.partitioned(),
            t.partitionOf(), t.temporary(), a == TableAction.SET_UNLOGGED, t.origin()));
        case COLUMN_ADD_IDENTITY -> o.column().ifPresent(col -> updateColumn(t.name(), col,
            x -> new Column(x.name(), x.type(), true, x.defaultValue(), x.generated(), true, x.origin(), x.collation())));
        case COLUMN_DROP_IDENTITY -> o.column().ifPresent(col -> updateColumn(t.name(), col,
            x -> new Column(x.name(), x.type(), x.notNull(), x.defaultValue(), x.generated(), false, x.origin(), x.collation())));
        case COLUMN_DROP_EXPRESSION -> o.column().ifPresent(col -> updateColumn(t.name(), col,
            x -> new Column(x.name(), x.type(), x.notNull(), x.defaultValue(), false, x.identity(), x.origin(), x.collation())));
        default -> {
        }
      }
    }

    private void attach(Operation.AttachPartition o) {
      Optional<Table> parent = c.table(o.relation());
      c.table(o.partition()).ifPresent(p -> {
        Table attached = withPartitionOf(p, Optional.of(parent.map(Table::name).orElse(Catalog.resolve(o.relation()))));
        c.putTable(attached);
        c.setDefaultPartition(p.name(), o.isDefault());
        c.setPartitionBound(p.name(), o.bound());
        parent.ifPresent(pt -> c.indexesOn(pt.name()).forEach(pi -> attachIndex(pi, attached)));
      });
    }

    private static Table withPartitionOf(Table t, Optional<ObjectName> parent) {
      return new Table(t.name(), t.columns(), t.constraints(), t.partitioned(), parent, t.temporary(), t.unlogged(),
          t.origin());
    }

    // ------------------------------------------------------------ indexes

    private void createIndex(Operation.CreateIndex ci) {
      Optional<Table> table = c.table(ci.relation());
      ObjectName tableName = table.map(Table::name).orElse(Catalog.resolve(ci.relation()));
      boolean onView = table.isEmpty() && c.view(tableName).isPresent();
      if (table.isEmpty() && !onView) {
        return;
      }
      String schema = tableName.schema();
      List<String> elements = ci.elements().isEmpty() ? ci.columns() : ci.elements();
      String name = ci.name().orElseGet(() -> PgNames.choose(tableName.name(), PgNames.columnsPart(elements), "idx",
          n -> c.relationExists(new ObjectName(schema, n))));
      ObjectName indexName = new ObjectName(schema, name);
      if (c.relationExists(indexName)) {
        return;
      }
      boolean partitionedParent = table.map(Table::partitioned).orElse(false);
      Index index = new Index(indexName, tableName, ci.unique(), ci.columns(), !(ci.only() && partitionedParent), "",
          origin, ci.method(), ci.elements(), ci.predicate().map(p -> p.text()), ci.options());
      c.putIndex(index);
      if (partitionedParent && !ci.only()) {
        for (Table p : c.partitionsOf(tableName)) {
          attachIndex(index, p);
        }
      }
    }

    /**
     * Gives partition {@code p} an index matching {@code parent} (an index of its partitioned
     * parent), as PostgreSQL does when the index is created, the partition is created or attached:
     * an equivalent existing index is adopted, otherwise one is created with a chosen name; a
     * PRIMARY KEY / UNIQUE index brings its constraint along. Sub-partitions follow.
     */
    private void attachIndex(Index parent, Table p) {
      Optional<Index> same = c.indexesOn(p.name()).stream()
          .filter(i -> i.columns().equals(parent.columns()) && i.unique() == parent.unique()
              && c.parentIndex(i.name()).isEmpty())
          .findFirst();
      Index child;
      if (same.isPresent()) {
        child = same.get();
      } else {
        Optional<Constraint> constraint = c.constraintOf(parent);
        String schema = p.name().schema();
        String label = constraint.map(k -> k.kind() == ConstraintKind.PRIMARY_KEY ? "pkey"
            : k.kind() == ConstraintKind.UNIQUE ? "key" : "excl").orElse("idx");
        String colPart = label.equals("pkey") ? ""
            : PgNames.columnNamesPart(parent.columns().isEmpty() ? List.of("expr") : parent.columns());
        String name = PgNames.choose(p.name().name(), colPart, label,
            n -> c.relationExists(new ObjectName(schema, n)) || constraintNameUsed(schema, n));
        String constraintName = constraint.isPresent() ? name : "";
        child = new Index(new ObjectName(schema, name), p.name(), parent.unique(), parent.columns(), parent.valid(),
            constraintName, origin, parent.method(), parent.elements(), parent.predicate(), parent.options());
        c.putIndex(child);
        constraint.ifPresent(k -> appendConstraint(p.name(), new Constraint(name, k.kind(), k.columns(),
            k.referencedTable(), k.expression(), true, Optional.of(name), origin)));
      }
      c.linkIndex(child.name(), parent.name());
      for (Table sub : c.partitionsOf(p.name())) {
        attachIndex(child, sub);
      }
    }

    /** Drops an index and, recursively, the partition indexes attached to it (with their constraints). */
    private void dropIndexTree(ObjectName index) {
      for (Index child : c.childIndexes(index)) {
        if (!child.constraint().isEmpty()) {
          c.table(child.table()).ifPresent(t -> c.putTable(t.withConstraints(t.constraints().stream()
              .filter(k -> !k.name().equals(child.constraint())).toList())));
        }
        dropIndexTree(child.name());
      }
      c.removeIndex(index);
    }

    private void dropIndex(ObjectName name, boolean cascade) {
      c.index(name).ifPresent(i -> {
        if (c.parentIndex(i.name()).isPresent()) {
          return; // an index attached to a partitioned index can only go with its parent
        }
        if (i.constraint().isEmpty()) {
          dropIndexTree(i.name());
        } else if (cascade) {
          dropConstraint(i.table(), i.constraint());
          c.removeIndex(i.name());
        }
        // Without CASCADE the server refuses to drop an index that a constraint needs.
      });
    }

    /** Renames an index; an index that backs a constraint renames the constraint too, as PostgreSQL does. */
    private void renameIndex(Index i, String newName) {
      ObjectName to = new ObjectName(i.name().schema(), newName);
      if (c.relationExists(to)) {
        return;
      }
      String constraint = i.constraint().isEmpty() ? "" : newName;
      c.replaceIndex(i.name(), i.moved(to, i.table(), constraint));
      if (!i.constraint().isEmpty()) {
        c.table(i.table()).ifPresent(t -> c.putTable(t.withConstraints(t.constraints().stream()
            .map(k -> k.name().equals(i.constraint())
                ? new Constraint(newName, k.kind(), k.columns(), k.referencedTable(), k.expression(), k.validated(),
                    Optional.of(newName), k.origin())
                : k)
            .toList())));
      }
    }

    private static Index withTable(Index i, ObjectName table) {
      return i.moved(i.name(), table, i.constraint());
    }

    // ------------------------------------------------------------ types

    private void addEnumValue(Operation.AddEnumValue o) {
      c.enumType(o.type()).ifPresent(e -> {
        if (e.values().contains(o.value())) {
          return;
        }
        List<String> values = new ArrayList<>(e.values());
        int at = values.size();
        if (o.before().isPresent() && values.contains(o.before().get())) {
          at = values.indexOf(o.before().get());
        } else if (o.after().isPresent() && values.contains(o.after().get())) {
          at = values.indexOf(o.after().get()) + 1;
        }
        values.add(at, o.value());
        c.putEnum(new EnumType(e.name(), values, e.origin()));
      });
    }

    private void renameType(Operation.RenameType o) {
      c.enumType(o.type()).ifPresent(e -> {
        ObjectName to = new ObjectName(e.name().schema(), o.newName());
        c.removeEnum(e.name());
        c.putEnum(new EnumType(to, e.values(), e.origin()));
        Map<ObjectName, Table> changed = new LinkedHashMap<>();
        for (Table t : c.tables()) {
          List<Column> cols = t.columns().stream().map(col -> refersTo(col.type(), e.name())
              ? col.withType(new TypeRef(o.newName(), col.type().schema(), col.type().modifiers(),
                  col.type().arrayDims(), renameTypeText(col.type(), o.newName())))
              : col).toList();
          if (!cols.equals(t.columns())) {
            changed.put(t.name(), t.withColumns(cols));
          }
        }
        changed.values().forEach(c::putTable);
      });
    }

    private static boolean refersTo(TypeRef type, ObjectName enumName) {
      String schema = type.schema().isEmpty() ? Catalog.DEFAULT_SCHEMA : type.schema();
      return type.name().equals(enumName.name()) && schema.equals(enumName.schema());
    }

    private static String renameTypeText(TypeRef type, String newName) {
      return (type.schema().isEmpty() ? "" : ObjectName.quote(type.schema()) + ".") + ObjectName.quote(newName)
          + "[]".repeat(type.arrayDims());
    }

    // ------------------------------------------------------------ helpers

    private static int indexOf(List<Column> cols, String name) {
      for (int i = 0; i < cols.size(); i++) {
        if (cols.get(i).name().equals(name)) {
          return i;
        }
      }
      return -1;
    }

    private static List<String> rename(List<String> names, String from, String to) {
      return names.stream().map(n -> n.equals(from) ? to : n).toList();
    }
  }

  // ------------------------------------------------------------ identifiers in expression text

  static Pattern identifier(String column) {
    String quoted = Pattern.quote("\"" + column.replace("\"", "\"\"") + "\"");
    if (column.matches("[a-z_][a-z0-9_$]*")) {
      return Pattern.compile(quoted + "|(?<![A-Za-z0-9_$\"'.])(?i:" + Pattern.quote(column) + ")(?![A-Za-z0-9_$\"'(])");
    }
    return Pattern.compile(quoted);
  }

  /** Whether expression text mentions the column (quoted, or unquoted when its name is lower case). */
  static boolean mentions(String text, String column) {
    return mentionsMasked(stripStrings(text), column);
  }

  /**
   * {@link #mentions} of a text whose string constants are already masked: whether {@link
   * #identifier}'s pattern finds a match, without building the pattern. Case is folded for ASCII
   * letters only, as the pattern does.
   */
  static boolean mentionsMasked(String masked, String column) {
    String quoted = "\"" + column.replace("\"", "\"\"") + "\"";
    if (masked.contains(quoted)) {
      return true;
    }
    if (!ObjectName.isPlain(column)) {
      return false;
    }
    int m = column.length();
    for (int i = 0, last = masked.length() - m; i <= last; i++) {
      if (asciiEqualsIgnoreCase(masked, i, column)
          && (i == 0 || !continuesName(masked.charAt(i - 1), '.'))
          && (i + m == masked.length() || !continuesName(masked.charAt(i + m), '('))) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code text} at {@code at} holds {@code lower} (lower-case ASCII), ASCII letters in either case. */
  private static boolean asciiEqualsIgnoreCase(String text, int at, String lower) {
    for (int k = 0; k < lower.length(); k++) {
      char c = text.charAt(at + k);
      char l = lower.charAt(k);
      if (c != l && !(l >= 'a' && l <= 'z' && c == l - ('a' - 'A'))) {
        return false;
      }
    }
    return true;
  }

  /** A character next to a name that makes it part of something longer: {@code [A-Za-z0-9_$"']} or {@code also}. */
  private static boolean continuesName(char c, char also) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'
        || c == '"' || c == '\'' || c == also;
  }

  /** The expression with references to {@code column} renamed to {@code newName}. */
  static Expr renameInExpr(Expr e, String column, String newName) {
    String renamed = renameInText(e.text(), column, newName);
    return renamed.equals(e.text()) ? e : new Expr(renamed, e.span(), e.volatility(), e.constant());
  }

  /** SQL text with references to {@code column} renamed to {@code newName} (string constants untouched). */
  static String renameInText(String text, String column, String newName) {
    String masked = stripStrings(text);
    Matcher m = identifier(column).matcher(masked);
    StringBuilder sb = new StringBuilder();
    int last = 0;
    while (m.find()) {
      sb.append(text, last, m.start()).append(ObjectName.quote(newName));
      last = m.end();
    }
    if (last == 0) {
      return text;
    }
    sb.append(text.substring(last));
    return sb.toString();
  }

  /** The text with the contents of string literals blanked out (same length, so offsets still match). */
  private static String stripStrings(String text) {
    StringBuilder sb = new StringBuilder(text);
    boolean in = false;
    for (int i = 0; i < sb.length(); i++) {
      char ch = sb.charAt(i);
      if (ch == '\'') {
        in = !in;
      } else if (in) {
        sb.setCharAt(i, ' ');
      }
    }
    return sb.toString();
  }
}
