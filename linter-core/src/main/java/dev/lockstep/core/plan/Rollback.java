package dev.lockstep.core.plan;

import dev.lockstep.core.catalog.Catalog;
import dev.lockstep.core.catalog.Column;
import dev.lockstep.core.catalog.Constraint;
import dev.lockstep.core.catalog.EnumType;
import dev.lockstep.core.catalog.Index;
import dev.lockstep.core.catalog.Origin;
import dev.lockstep.core.catalog.Table;
import dev.lockstep.core.ir.ConstraintKind;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * A down script for a migration: the inverse of each statement, in reverse order, computed from
 * the schema before each operation. Changes that lose data (dropped tables and columns, data
 * changes, enum values that cannot be removed) are marked irreversible with what the script can
 * still do, instead of pretending.
 */
public final class Rollback {
  /**
   * The undo of one statement.
   *
   * @param statementIndex the statement in the migration
   * @param sql statements that undo it (may be empty when there is nothing to undo)
   * @param reversible whether running {@code sql} restores the schema and data as they were
   * @param note what is lost or must be checked, empty when nothing
   */
  public record Undo(int statementIndex, List<String> sql, boolean reversible, String note) {
    public Undo {
      sql = List.copyOf(sql);
    }
  }

  /** One statement of the migration: its index and operations. */
  public record Statement(int index, List<Operation> operations) {
    public Statement {
      operations = List.copyOf(operations);
    }
  }

  private final List<Undo> undos;

  private Rollback(List<Undo> undos) {
    this.undos = List.copyOf(undos);
  }

  /** The undos, last statement first. */
  public List<Undo> undos() {
    return undos;
  }

  /** Whether the whole script restores the previous state. */
  public boolean reversible() {
    return undos.stream().allMatch(Undo::reversible);
  }

  /** Builds the rollback of {@code statements} (forward statements in file order) run on {@code before}. */
  public static Rollback of(Catalog before, List<Statement> statements) {
    Catalog catalog = before.copy();
    List<Undo> out = new ArrayList<>();
    for (Statement st : statements) {
      List<String> sql = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      boolean reversible = true;
      List<List<String>> perOp = new ArrayList<>();
      for (Operation op : st.operations()) {
        Catalog b = catalog.copy();
        catalog.apply(op, new Origin("<rollback>", 0, st.index(), Origin.NO_TRANSACTION));
        Inverse inv = invert(op, b, catalog);
        perOp.add(inv.sql());
        if (!inv.note().isEmpty()) {
          notes.add(inv.note());
        }
        reversible &= inv.reversible();
      }
      Collections.reverse(perOp);
      perOp.forEach(sql::addAll);
      if (!sql.isEmpty() || !reversible || !notes.isEmpty()) {
        out.add(new Undo(st.index(), sql, reversible, String.join(" ", notes)));
      }
    }
    Collections.reverse(out);
    return new Rollback(out);
  }

  /**
   * The script as SQL. {@code describe} names a statement for the comments ("line 12: ALTER TABLE
   * ...").
   */
  public String render(String migration, IntFunction<String> describe) {
    StringBuilder sb = new StringBuilder();
    sb.append("-- Rollback of ").append(migration).append(" (written by lockstep rollback).\n");
    sb.append("-- Undoes its statements in reverse order. Run it after the migration to return to the schema"
        + " before it,\n-- one statement at a time (psql -f FILE).\n");
    long lost = undos.stream().filter(u -> !u.reversible()).count();
    if (lost > 0) {
      sb.append("-- WARNING: not fully reversible: ").append(lost).append(lost == 1 ? " statement" : " statements")
          .append(" cannot be undone without losing data (marked IRREVERSIBLE below).\n");
    }
    sb.append("SET lock_timeout = '5s';\n");
    for (Undo u : undos) {
      sb.append('\n');
      sb.append(u.reversible() ? "-- undoes " : "-- IRREVERSIBLE: ")
          .append(describe.apply(u.statementIndex()).replaceAll("\\s*[\\r\\n]+\\s*", " ")).append('\n');
      if (!u.note().isEmpty()) {
        sb.append("-- ").append(u.note()).append('\n');
      }
      for (String s : u.sql()) {
        sb.append(s).append('\n');
      }
    }
    return sb.toString();
  }

  private record Inverse(List<String> sql, boolean reversible, String note) {
    static Inverse of(String sql) {
      return new Inverse(List.of(sql), true, "");
    }

    static Inverse nothing() {
      return new Inverse(List.of(), true, "");
    }

    static Inverse lost(String note, String... sql) {
      return new Inverse(List.of(sql), false, note);
    }
  }

  private static Inverse invert(Operation op, Catalog b, Catalog a) {
    if (op instanceof Operation.CreateTable ct) {
      return new Inverse(List.of("DROP TABLE " + ct.relation().sql() + ";"), true,
          "Drops " + rel(ct.relation()) + " with the rows written to it since.");
    }
    if (op instanceof Operation.DropTable dt) {
      List<String> sql = new ArrayList<>();
      for (ObjectName t : dt.tables()) {
        b.table(t).ifPresent(table -> sql.add(createTable(table, b)));
      }
      return new Inverse(sql, false, "DROP TABLE deleted the rows of " + dt.tables().stream().map(Rollback::rel)
          .collect(Collectors.joining(", ")) + "; this re-creates the empty table" + (sql.isEmpty() ? " (unknown"
          + " to lockstep: re-create it by hand)" : "") + ". Restore the rows from a backup.");
    }
    if (op instanceof Operation.RenameTable rt) {
      ObjectName renamed = new ObjectName(rt.relation().schema(), rt.newName());
      return Inverse.of("ALTER TABLE " + renamed.sql() + " RENAME TO " + ObjectName.quote(rt.relation().name()) + ";");
    }
    if (op instanceof Operation.AddColumn ac) {
      if (b.table(ac.relation()).flatMap(t -> t.column(ac.column().name())).isPresent()) {
        return Inverse.nothing(); // ADD COLUMN IF NOT EXISTS of a column that existed
      }
      return new Inverse(List.of("ALTER TABLE " + ac.relation().sql() + " DROP COLUMN "
          + ObjectName.quote(ac.column().name()) + ";"), true, "");
    }
    if (op instanceof Operation.DropColumn dc) {
      Optional<Column> col = b.table(dc.relation()).flatMap(t -> t.column(dc.column()));
      if (col.isEmpty()) {
        return Inverse.lost("DROP COLUMN removed " + col(dc.relation(), dc.column())
            + ", which lockstep does not know: re-add it by hand and restore its values from a backup.");
      }
      Column c = col.get();
      String def = c.defaultValue().map(d -> " DEFAULT " + d.text()).orElse("");
      boolean notNull = c.notNull() && c.defaultValue().isPresent();
      return Inverse.lost("DROP COLUMN deleted the values of " + col(dc.relation(), dc.column())
          + "; this re-adds the column " + (c.notNull() && !notNull ? "as nullable (it was NOT NULL) " : "")
          + "without them. Restore the values from a backup.",
          "ALTER TABLE " + dc.relation().sql() + " ADD COLUMN " + ObjectName.quote(c.name()) + " "
              + ExpandContract.typeSql(c.type()) + def + (notNull ? " NOT NULL" : "") + ";");
    }
    if (op instanceof Operation.RenameColumn rc) {
      return Inverse.of("ALTER TABLE " + rc.relation().sql() + " RENAME COLUMN " + ObjectName.quote(rc.newName())
          + " TO " + ObjectName.quote(rc.column()) + ";");
    }
    if (op instanceof Operation.AlterColumnType act) {
      Optional<Column> col = b.table(act.relation()).flatMap(t -> t.column(act.column()));
      if (col.isEmpty()) {
        return Inverse.lost("The previous type of " + col(act.relation(), act.column()) + " is unknown to lockstep.");
      }
      String type = ExpandContract.typeSql(col.get().type());
      String q = ObjectName.quote(act.column());
      boolean viaText = isEnum(b, col.get().type()) || isEnum(a, act.type());
      return new Inverse(List.of("ALTER TABLE " + act.relation().sql() + " ALTER COLUMN " + q + " TYPE " + type
          + " USING " + q + (viaText ? "::text" : "") + "::" + type + ";"), true, "Converting back fails if a value no longer fits "
          + type + ", and does not restore values the first conversion changed.");
    }
    if (op instanceof Operation.SetNotNull snn) {
      boolean was = b.table(snn.relation()).flatMap(t -> t.column(snn.column())).map(Column::notNull).orElse(false);
      return was ? Inverse.nothing() : Inverse.of("ALTER TABLE " + snn.relation().sql() + " ALTER COLUMN "
          + ObjectName.quote(snn.column()) + " DROP NOT NULL;");
    }
    if (op instanceof Operation.DropNotNull dnn) {
      boolean was = b.table(dnn.relation()).flatMap(t -> t.column(dnn.column())).map(Column::notNull).orElse(true);
      return !was ? Inverse.nothing() : new Inverse(List.of("ALTER TABLE " + dnn.relation().sql() + " ALTER COLUMN "
          + ObjectName.quote(dnn.column()) + " SET NOT NULL;"), true, "Fails if NULLs were written since.");
    }
    if (op instanceof Operation.SetDefault || op instanceof Operation.DropDefault) {
      Operation.OnTable t = (Operation.OnTable) op;
      String column = op instanceof Operation.SetDefault sd ? sd.column() : ((Operation.DropDefault) op).column();
      Optional<Column> col = b.table(t.relation()).flatMap(x -> x.column(column));
      String alter = "ALTER TABLE " + t.relation().sql() + " ALTER COLUMN " + ObjectName.quote(column);
      return Inverse.of(col.flatMap(Column::defaultValue).map(d -> alter + " SET DEFAULT " + d.text() + ";")
          .orElse(alter + " DROP DEFAULT;"));
    }
    if (op instanceof Operation.AddConstraint ac) {
      Optional<String> name = ac.constraint().name();
      if (name.isEmpty()) {
        name = added(b, a, ac.relation());
      }
      if (name.isEmpty()) {
        return Inverse.lost("The name PostgreSQL gave the constraint is unknown to lockstep: drop it by hand.");
      }
      return Inverse.of("ALTER TABLE " + ac.relation().sql() + " DROP CONSTRAINT " + ObjectName.quote(name.get())
          + ";");
    }
    if (op instanceof Operation.ValidateConstraint) {
      return Inverse.nothing();
    }
    if (op instanceof Operation.DropConstraint dc) {
      Optional<Constraint> k = b.table(dc.relation()).flatMap(t -> t.constraint(dc.name()));
      Optional<String> def = k.flatMap(Rollback::constraintSql);
      if (def.isEmpty()) {
        return Inverse.lost("The definition of constraint \"" + dc.name() + "\" is not fully known to lockstep:"
            + " re-create it by hand.");
      }
      boolean fk = k.get().kind() == ConstraintKind.FOREIGN_KEY;
      return new Inverse(List.of("ALTER TABLE " + dc.relation().sql() + " ADD CONSTRAINT "
          + ObjectName.quote(dc.name()) + " " + def.get() + ";"), true, fk
          ? "The foreign key is re-created against the referenced table's primary key; check the columns." : "");
    }
    if (op instanceof Operation.RenameConstraint rc) {
      return Inverse.of("ALTER TABLE " + rc.relation().sql() + " RENAME CONSTRAINT " + ObjectName.quote(rc.newName())
          + " TO " + ObjectName.quote(rc.name()) + ";");
    }
    if (op instanceof Operation.CreateIndex ci) {
      Optional<ObjectName> name = ci.name().map(n -> new ObjectName(ci.relation().schema(), n));
      if (name.isEmpty()) {
        name = a.indexesOn(ci.relation()).stream().map(Index::name)
            .filter(n -> b.index(n).isEmpty()).findFirst();
      }
      if (name.isEmpty()) {
        return Inverse.lost("The name PostgreSQL gave the index is unknown to lockstep: drop it by hand.");
      }
      if (b.index(name.get()).isPresent()) {
        return Inverse.nothing(); // IF NOT EXISTS of an index that existed
      }
      return ci.concurrently()
          ? new Inverse(List.of("DROP INDEX CONCURRENTLY " + name.get().sql() + ";"), true,
              "DROP INDEX CONCURRENTLY cannot run inside a transaction: run this statement on its own.")
          : Inverse.of("DROP INDEX " + name.get().sql() + ";");
    }
    if (op instanceof Operation.DropIndex di) {
      List<String> sql = new ArrayList<>();
      boolean complete = true;
      for (ObjectName n : di.indexes()) {
        Optional<Index> idx = b.index(n);
        if (idx.isEmpty() || idx.get().columns().isEmpty() || !idx.get().constraint().isEmpty()) {
          complete = false;
          continue;
        }
        sql.add("CREATE " + (idx.get().unique() ? "UNIQUE " : "") + "INDEX " + ObjectName.quote(n.name()) + " ON "
            + idx.get().table().sql() + " (" + idx.get().columns().stream().map(ObjectName::quote)
            .collect(Collectors.joining(", ")) + ");");
      }
      return new Inverse(sql, complete, complete
          ? "Re-creates the index from its columns (its method, opclasses and predicate are not tracked)."
          : "The definition of a dropped index is unknown to lockstep: re-create it by hand.");
    }
    if (op instanceof Operation.RenameIndex ri) {
      ObjectName renamed = new ObjectName(ri.index().schema(), ri.newName());
      return Inverse.of("ALTER INDEX " + renamed.sql() + " RENAME TO " + ObjectName.quote(ri.index().name()) + ";");
    }
    if (op instanceof Operation.CreateEnum ce) {
      return Inverse.of("DROP TYPE " + ce.type().sql() + ";");
    }
    if (op instanceof Operation.AddEnumValue av) {
      return Inverse.lost("PostgreSQL cannot remove the value '" + av.value() + "' from " + rel(av.type())
          + ": it stays (harmless while nothing uses it); to remove it, re-create the type without it.");
    }
    if (op instanceof Operation.RenameEnumValue rv) {
      return Inverse.of("ALTER TYPE " + rv.type().sql() + " RENAME VALUE " + literal(rv.newValue()) + " TO "
          + literal(rv.value()) + ";");
    }
    if (op instanceof Operation.RenameType rt) {
      ObjectName renamed = new ObjectName(rt.type().schema(), rt.newName());
      return Inverse.of("ALTER TYPE " + renamed.sql() + " RENAME TO " + ObjectName.quote(rt.type().name()) + ";");
    }
    if (op instanceof Operation.DropType dt) {
      List<String> sql = new ArrayList<>();
      boolean complete = true;
      for (ObjectName t : dt.types()) {
        Optional<EnumType> e = b.enumType(t);
        if (e.isEmpty()) {
          complete = false;
          continue;
        }
        sql.add("CREATE TYPE " + t.sql() + " AS ENUM (" + e.get().values().stream().map(Rollback::literal)
            .collect(Collectors.joining(", ")) + ");");
      }
      return new Inverse(sql, complete, complete ? "" : "A dropped type is unknown to lockstep: re-create it by hand.");
    }
    if (op instanceof Operation.CreateView cv) {
      return Inverse.of("DROP " + (cv.materialized() ? "MATERIALIZED VIEW " : "VIEW ") + cv.view().sql() + ";");
    }
    if (op instanceof Operation.DropView dv) {
      return Inverse.lost("The definition of " + dv.views().stream().map(Rollback::rel).collect(Collectors.joining(", "))
          + " is not tracked: re-create " + (dv.views().size() > 1 ? "them" : "it")
          + " from the migration that created " + (dv.views().size() > 1 ? "them." : "it."));
    }
    if (op instanceof Operation.Update u) {
      return Inverse.lost("UPDATE changed rows of " + rel(u.relation()) + "; the previous values are not kept."
          + " Restore them from a backup if they matter.");
    }
    if (op instanceof Operation.Delete d) {
      return Inverse.lost("DELETE removed rows of " + rel(d.relation()) + ". Restore them from a backup.");
    }
    if (op instanceof Operation.Truncate t) {
      return Inverse.lost("TRUNCATE removed every row of " + t.tables().stream().map(Rollback::rel)
          .collect(Collectors.joining(", ")) + ". Restore them from a backup.");
    }
    if (op instanceof Operation.Insert i) {
      return Inverse.lost("INSERT added rows to " + rel(i.relation()) + "; delete them by hand if they must go.");
    }
    if (op instanceof Operation.Cluster c && c.relation().isPresent() && c.index().isPresent()) {
      return new Inverse(List.of("ALTER TABLE " + c.relation().get().sql() + " SET WITHOUT CLUSTER;"), true,
          "CLUSTER ... USING also recorded \"" + c.index().get() + "\" as the clustering index; this clears it (if "
              + rel(c.relation().get()) + " was clustered on another index before, record it again with ALTER TABLE"
              + " ... CLUSTER ON). The order of the rows is not undone, and need not be.");
    }
    if (op instanceof Operation.SetSetting || op instanceof Operation.Begin || op instanceof Operation.Commit
        || op instanceof Operation.Rollback || op instanceof Operation.Savepoint || op instanceof Operation.Analyze
        || op instanceof Operation.Vacuum || op instanceof Operation.Reindex || op instanceof Operation.Cluster
        || op instanceof Operation.LockTable || op instanceof Operation.Query
        || op instanceof Operation.RefreshMaterializedView) {
      return Inverse.nothing();
    }
    return Inverse.lost("lockstep cannot invert this statement (" + op.kind() + "): undo it by hand.");
  }

  /** The name of the constraint {@code a} has on {@code table} that {@code b} does not. */
  private static Optional<String> added(Catalog b, Catalog a, ObjectName table) {
    List<String> before = b.table(table).map(t -> t.constraints().stream().map(Constraint::name).toList())
        .orElse(List.of());
    return a.table(table).flatMap(t -> t.constraints().stream().map(Constraint::name)
        .filter(n -> !before.contains(n)).findFirst());
  }

  private static Optional<String> constraintSql(Constraint k) {
    String cols = k.columns().stream().map(ObjectName::quote).collect(Collectors.joining(", "));
    switch (k.kind()) {
      case CHECK:
        return k.expression().map(e -> "CHECK (" + e.text() + ")" + (k.validated() ? "" : " NOT VALID"));
      case UNIQUE:
        return k.columns().isEmpty() ? Optional.empty() : Optional.of("UNIQUE (" + cols + ")");
      case PRIMARY_KEY:
        return k.columns().isEmpty() ? Optional.empty() : Optional.of("PRIMARY KEY (" + cols + ")");
      case FOREIGN_KEY:
        return k.columns().isEmpty() || k.referencedTable().isEmpty() ? Optional.empty()
            : Optional.of("FOREIGN KEY (" + cols + ") REFERENCES " + k.referencedTable().get().sql()
                + (k.validated() ? "" : " NOT VALID"));
      default:
        return Optional.empty();
    }
  }

  private static String createTable(Table t, Catalog b) {
    List<String> parts = new ArrayList<>();
    for (Column c : t.columns()) {
      parts.add(ObjectName.quote(c.name()) + " " + ExpandContract.typeSql(c.type())
          + (c.notNull() ? " NOT NULL" : "") + c.defaultValue().map(d -> " DEFAULT " + d.text()).orElse(""));
    }
    for (Constraint k : t.constraints()) {
      if (k.kind() == ConstraintKind.PRIMARY_KEY || k.kind() == ConstraintKind.UNIQUE
          || k.kind() == ConstraintKind.CHECK) {
        constraintSql(k).ifPresent(def -> parts.add("CONSTRAINT " + ObjectName.quote(k.name()) + " " + def));
      }
    }
    return "CREATE TABLE " + t.name().sql() + " (\n  " + String.join(",\n  ", parts) + "\n);";
  }

  private static boolean isEnum(Catalog c, dev.lockstep.core.ir.TypeRef t) {
    return !t.isArray() && c.enumType(new ObjectName(t.schema(), t.name())).isPresent();
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static String rel(ObjectName n) {
    return "\"" + n.name() + "\"";
  }

  private static String col(ObjectName t, String c) {
    return "\"" + t.name() + "\".\"" + c + "\"";
  }
}
