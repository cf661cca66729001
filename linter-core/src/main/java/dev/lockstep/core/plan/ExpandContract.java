package dev.lockstep.core.plan;

import dev.lockstep.core.catalog.Catalog;
import dev.lockstep.core.catalog.Column;
import dev.lockstep.core.catalog.Constraint;
import dev.lockstep.core.catalog.Index;
import dev.lockstep.core.catalog.Table;
import dev.lockstep.core.ir.ColumnDef;
import dev.lockstep.core.ir.ConstraintKind;
import dev.lockstep.core.ir.Expr;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.TypeRef;
import dev.lockstep.core.project.MigrationTool;
import dev.lockstep.core.rule.Plan;
import dev.lockstep.core.rule.PlanStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expand/contract plans for the changes that cannot be made safely in one step. Each method returns
 * an empty plan when the change is outside what it handles (for example a column that an index or
 * constraint uses, which the plan would have to rebuild).
 *
 * <p>Conventions of every plan: statements that take an ACCESS EXCLUSIVE (or other write-blocking)
 * lock run only briefly and after {@code SET lock_timeout}; scans run under SHARE UPDATE EXCLUSIVE
 * ({@code VALIDATE CONSTRAINT}, {@code CREATE INDEX CONCURRENTLY}); data changes run as a batch loop
 * that commits after each batch, alone in a file that runs outside a transaction, and can be re-run
 * to continue where it stopped.
 */
public final class ExpandContract {
  /** First statement of every step that takes a write-blocking lock. */
  public static final String LOCK_TIMEOUT = "SET lock_timeout = '5s';";
  /** A statement that starts by setting {@code lock_timeout}. */
  private static final Pattern SETS_LOCK_TIMEOUT = Pattern.compile("(?is)^\\s*SET\\s+(LOCAL\\s+)?lock_timeout\\b");
  /** Ends the title of a plan whose files replace the whole migration, not one statement. */
  public static final String WHOLE_MIGRATION = "(these files replace the whole migration)";
  /** Rows per backfill batch. */
  public static final int BATCH = 5000;
  /** Stands for a value only the user knows; fails loudly if left in. */
  public static final String VALUE_PLACEHOLDER = "lockstep_todo_value_for_existing_rows";

  private static final String BRIEF = "brief ACCESS EXCLUSIVE lock, guarded by lock_timeout";
  private static final String BACKFILL_WHY = "each batch commits on its own, so row locks are short and writes"
      + " continue; re-running it continues where it stopped";

  private ExpandContract() {}

  /** Rename a column: add the new one, keep both in sync with a trigger, backfill, switch, drop the old one. */
  public static Optional<Plan> renameColumn(MigrationLayout layout, Catalog catalog, int version, ObjectName table,
      String column, String newName) {
    Optional<Table> t = catalog.table(table);
    Optional<Column> c = t.flatMap(x -> x.column(column));
    if (c.isEmpty() || t.get().column(newName).isPresent()) {
      return Optional.empty();
    }
    Column col = c.get();
    Rebuild r = rebuild(catalog, table, t.get(), col, newName);
    if (r.blocker.isPresent()) {
      return Optional.empty();
    }
    String tab = table.sql();
    String oldQ = ObjectName.quote(column);
    String newQ = ObjectName.quote(newName);
    ObjectName fn = sibling(table, table.name() + "_" + column + "_to_" + newName + "_sync");
    String trigger = ObjectName.quote(truncate(table.name() + "_" + column + "_to_" + newName + "_sync"));
    String nn = truncate(table.name() + "_" + newName + "_not_null");
    List<String> expand = new ArrayList<>();
    expand.add(LOCK_TIMEOUT);
    expand.add("ALTER TABLE " + tab + " ADD COLUMN " + newQ + " " + typeSql(col.type()) + ";");
    expand.add("CREATE FUNCTION " + fn.sql() + "() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        + "BEGIN\n"
        + "  IF TG_OP = 'INSERT' THEN\n"
        + "    IF NEW." + newQ + " IS NULL THEN\n"
        + "      NEW." + newQ + " := NEW." + oldQ + ";\n"
        + "    ELSE\n"
        + "      NEW." + oldQ + " := NEW." + newQ + ";\n"
        + "    END IF;\n"
        + "  ELSIF NEW." + newQ + " IS DISTINCT FROM OLD." + newQ + " THEN\n"
        + "    NEW." + oldQ + " := NEW." + newQ + ";\n"
        + "  ELSE\n"
        + "    NEW." + newQ + " := NEW." + oldQ + ";\n"
        + "  END IF;\n"
        + "  RETURN NEW;\n"
        + "END\n"
        + "$$;");
    expand.add("CREATE TRIGGER " + trigger + " BEFORE INSERT OR UPDATE ON " + tab + " FOR EACH ROW EXECUTE FUNCTION "
        + fn.sql() + "();");
    if (col.notNull()) {
      expand.add(notValidNotNull(tab, nn, newQ, version));
    }
    expand.addAll(r.expand);
    PlanBuilder p = PlanBuilder.of(layout, "Rename " + col(table, column) + " to \"" + newName
        + "\" in expand/contract steps" + r.describe());
    p.migration("Add \"" + newName + "\" and keep it in sync with \"" + column + "\"", "add_" + newName,
        expand, true, "ADD COLUMN and CREATE TRIGGER hold their locks only briefly; the trigger copies each write"
            + " of either column to the other, so old and new code both keep working");
    p.migration("Backfill \"" + newName + "\" in batches", "backfill_" + newName,
        batchUpdate(table, key(t.get()), newQ + " = " + oldQ, newQ + " IS NULL AND " + oldQ + " IS NOT NULL"),
        false, BACKFILL_WHY);
    if (col.notNull()) {
      p.migration("Validate that \"" + newName + "\" has no NULLs", "validate_" + newName,
          "ALTER TABLE " + tab + " VALIDATE CONSTRAINT " + ObjectName.quote(nn) + ";", true,
          "scans under SHARE UPDATE EXCLUSIVE: reads and writes continue");
    }
    rebuildSteps(p, r, newName);
    p.deploy("Deploy code that reads and writes \"" + newName + "\" instead of \"" + column + "\"",
        "the trigger keeps \"" + column + "\" filled for instances still running the previous version");
    p.waitFor("Wait until no instance of the previous version is running",
        "they still read and write \"" + column + "\"");
    List<String> contract = new ArrayList<>();
    contract.add(LOCK_TIMEOUT);
    contract.add("DROP TRIGGER " + trigger + " ON " + tab + ";");
    contract.add("DROP FUNCTION " + fn.sql() + "();");
    contract.add(reviewed("drop-column", "planned: runs after the deploy that stopped using it",
        "ALTER TABLE " + tab + " DROP COLUMN " + oldQ + ";"));
    if (col.notNull() && version < 18) {
      contract.add("ALTER TABLE " + tab + " ALTER COLUMN " + newQ + " SET NOT NULL;");
      contract.add("ALTER TABLE " + tab + " DROP CONSTRAINT " + ObjectName.quote(nn) + ";");
    }
    contract.addAll(r.afterSwap);
    col.defaultValue().ifPresent(d -> contract.add("ALTER TABLE " + tab + " ALTER COLUMN " + newQ
        + " SET DEFAULT " + d.text() + ";"));
    p.migration("Drop \"" + column + "\" and the trigger", "drop_" + column, contract, true,
        BRIEF + (col.notNull() && version < 18 ? "; SET NOT NULL uses the validated CHECK instead of scanning" : ""));
    return Optional.of(p.build());
  }

  /**
   * Split a column into several (the classic {@code name} into {@code first_name} and {@code
   * last_name}), or copy it into one new column: a trigger keeps both sides in sync while old and new
   * code run side by side, a batch loop fills existing rows, the old column goes last.
   *
   * @param parts each new column with the expression (over the old column) that fills it
   * @param combine the expression (over the new columns) that rebuilds the old column for old code
   * @param add when non-empty, the new columns' types: the plan adds them first (otherwise they exist)
   */
  public static Optional<Plan> splitColumn(MigrationLayout layout, Catalog catalog, ObjectName table,
      String column, java.util.LinkedHashMap<String, String> parts, String combine,
      java.util.Map<String, String> add) {
    Optional<Table> t = catalog.table(table);
    Optional<Column> c = t.flatMap(x -> x.column(column));
    if (c.isEmpty() || parts.isEmpty() || !plainColumn(catalog, t.get(), c.get())) {
      return Optional.empty();
    }
    String tab = table.sql();
    String oldQ = ObjectName.quote(column);
    List<String> newQ = parts.keySet().stream().map(ObjectName::quote).toList();
    String names = String.join(", ", parts.keySet().stream().map(n -> "\"" + n + "\"").toList());
    ObjectName fn = sibling(table, table.name() + "_" + column + "_split_sync");
    String trigger = ObjectName.quote(truncate(table.name() + "_" + column + "_split_sync"));
    StringBuilder fromOld = new StringBuilder();
    for (var e : parts.entrySet()) {
      fromOld.append("      NEW.").append(ObjectName.quote(e.getKey())).append(" := ")
          .append(qualifyColumn(e.getValue(), column, "NEW." + oldQ)).append(";\n");
    }
    String toOld = qualifyAll(combine, parts.keySet(), "NEW.");
    String newRow = newQ.size() == 1 ? "NEW." + newQ.get(0) : "ROW(" + String.join(", ",
        newQ.stream().map(q -> "NEW." + q).toList()) + ")";
    String oldRow = newQ.size() == 1 ? "OLD." + newQ.get(0) : "ROW(" + String.join(", ",
        newQ.stream().map(q -> "OLD." + q).toList()) + ")";
    String allNull = String.join(" AND ", newQ.stream().map(q -> "NEW." + q + " IS NULL").toList());
    List<String> expand = new ArrayList<>();
    expand.add(LOCK_TIMEOUT);
    add.forEach((name, type) -> expand.add("ALTER TABLE " + tab + " ADD COLUMN " + ObjectName.quote(name) + " "
        + type + ";"));
    expand.add("CREATE FUNCTION " + fn.sql() + "() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        + "BEGIN\n"
        + "  IF TG_OP = 'INSERT' THEN\n"
        + "    IF " + allNull + " THEN\n"
        + fromOld.toString().replace("\n      ", "\n      ")
        + "    ELSE\n"
        + "      NEW." + oldQ + " := " + toOld + ";\n"
        + "    END IF;\n"
        + "  ELSIF NEW." + oldQ + " IS DISTINCT FROM OLD." + oldQ + " THEN\n"
        + fromOld
        + "  ELSIF " + newRow + " IS DISTINCT FROM " + oldRow + " THEN\n"
        + "      NEW." + oldQ + " := " + toOld + ";\n"
        + "  END IF;\n"
        + "  RETURN NEW;\n"
        + "END\n"
        + "$$;");
    expand.add("CREATE TRIGGER " + trigger + " BEFORE INSERT OR UPDATE ON " + tab + " FOR EACH ROW EXECUTE FUNCTION "
        + fn.sql() + "();");
    String targets = newQ.size() == 1 ? newQ.get(0) : "ROW(" + String.join(", ", newQ) + ")";
    List<String> values = parts.values().stream().toList();
    String source = values.size() == 1 ? "(" + values.get(0) + ")" : "ROW(" + String.join(", ", values) + ")";
    String set = String.join(", ", parts.entrySet().stream()
        .map(e -> ObjectName.quote(e.getKey()) + " = " + e.getValue()).toList());
    PlanBuilder p = PlanBuilder.of(layout, "Split " + col(table, column) + " into " + names
        + " in expand/contract steps (check the split and combine expressions)");
    p.migration((add.isEmpty() ? "Keep " + names : "Add " + names) + " in sync with \"" + column + "\"",
        "sync_" + column + "_split", expand, true,
        "CREATE TRIGGER holds its lock only briefly; old code writing \"" + column + "\" fills " + names
            + ", new code writing " + names + " fills \"" + column + "\"");
    p.migration("Backfill " + names + " in batches", "backfill_" + column + "_split",
        batchUpdate(table, key(t.get()), set, oldQ + " IS NOT NULL AND " + targets + " IS DISTINCT FROM "
            + source), false, BACKFILL_WHY);
    p.deploy("Deploy code that reads and writes " + names + " instead of \"" + column + "\"",
        "the trigger keeps \"" + column + "\" filled for instances still running the previous version");
    p.waitFor("Wait until no instance of the previous version is running", "they still use \"" + column + "\"");
    p.migration("Drop \"" + column + "\" and the trigger", "drop_" + column,
        List.of(LOCK_TIMEOUT, "DROP TRIGGER " + trigger + " ON " + tab + ";", "DROP FUNCTION " + fn.sql() + "();",
            reviewed("drop-column", "planned: runs after the deploy that stopped using it",
                "ALTER TABLE " + tab + " DROP COLUMN " + oldQ + ";")), true,
        BRIEF + "; the values live on in " + names);
    return Optional.of(p.build());
  }

  /** The default split of a text column by spaces: the first word, and the rest. */
  public static java.util.LinkedHashMap<String, String> splitBySpace(String column, List<String> parts) {
    java.util.LinkedHashMap<String, String> out = new java.util.LinkedHashMap<>();
    String q = ObjectName.quote(column);
    for (int i = 0; i < parts.size(); i++) {
      if (i == parts.size() - 1 && i > 0) {
        out.put(parts.get(i), "nullif(array_to_string((string_to_array(" + q + ", ' '))[" + (i + 1) + ":], ' '), '')");
      } else {
        out.put(parts.get(i), "nullif(split_part(" + q + ", ' ', " + (i + 1) + "), '')");
      }
    }
    return out;
  }

  /** {@code concat_ws(' ', a, b)}: rebuilds a space-separated value from its parts. */
  public static String joinBySpace(List<String> parts) {
    return "concat_ws(' ', " + String.join(", ", parts.stream().map(ObjectName::quote).toList()) + ")";
  }

  private static String qualifyAll(String expr, java.util.Collection<String> columns, String prefix) {
    String out = expr;
    for (String c : columns) {
      out = qualifyColumn(out, c, prefix + ObjectName.quote(c));
    }
    return out;
  }

  /** Rename a table: rename it and leave a view under the old name until old code is gone. */
  public static Optional<Plan> renameTable(MigrationLayout layout, Catalog catalog, ObjectName table, String newName) {
    if (catalog.table(table).isEmpty()) {
      return Optional.empty();
    }
    ObjectName renamed = sibling(table, newName);
    PlanBuilder p = PlanBuilder.of(layout, "Rename " + rel(table) + " to \"" + newName + "\" behind a view");
    p.migration("Rename the table and keep a view under the old name", "rename_" + table.name() + "_to_" + newName,
        List.of(LOCK_TIMEOUT, "ALTER TABLE " + table.sql() + " RENAME TO " + ObjectName.quote(newName) + ";",
            "CREATE VIEW " + table.sql() + " AS SELECT * FROM " + renamed.sql() + ";"),
        true, BRIEF + "; the simple view stays insertable and updatable, so running code keeps working");
    p.deploy("Deploy code that uses \"" + newName + "\"", "the old name is now only a view");
    p.waitFor("Wait until no instance of the previous version is running", "they still use " + rel(table));
    p.migration("Drop the view", "drop_" + table.name() + "_view",
        List.of(LOCK_TIMEOUT, "DROP VIEW " + table.sql() + ";"), true, "nothing uses the old name any more");
    return Optional.of(p.build());
  }

  /** Drop a column: stop using it first (making it nullable if new code must be able to insert without it). */
  public static Optional<Plan> dropColumn(MigrationLayout layout, Catalog catalog, ObjectName table, String column) {
    Optional<Column> c = catalog.table(table).flatMap(x -> x.column(column));
    if (c.isEmpty()) {
      return Optional.empty();
    }
    String tab = table.sql();
    String q = ObjectName.quote(column);
    PlanBuilder p = PlanBuilder.of(layout, "Stop using " + col(table, column) + " before dropping it");
    boolean required = c.get().notNull() && c.get().defaultValue().isEmpty() && !c.get().generated()
        && !c.get().identity();
    if (required) {
      p.migration("Make \"" + column + "\" nullable", "make_" + column + "_nullable",
          List.of(LOCK_TIMEOUT, "ALTER TABLE " + tab + " ALTER COLUMN " + q + " DROP NOT NULL;"), true,
          "metadata only; code that no longer sets \"" + column + "\" can then insert rows");
    }
    if (layout.tool() == MigrationTool.PRISMA) {
      p.deploy("Remove the field from the model in schema.prisma (or mark it @ignore) and deploy the application",
          "Prisma Client stops selecting and writing \"" + column + "\"; do not create this migration yet");
    } else {
      p.deploy("Deploy code that no longer reads or writes \"" + column + "\"",
          "the running code must not need the column when it disappears");
    }
    p.waitFor("Wait until no instance of the previous version is running", "they still select \"" + column + "\"");
    p.migration("Drop the column", "drop_" + table.name() + "_" + column,
        List.of(LOCK_TIMEOUT, reviewed("drop-column", "planned: runs after the deploy that stopped using it",
            "ALTER TABLE " + tab + " DROP COLUMN " + q + ";")), true,
        BRIEF + "; the data is gone afterwards (take a backup or copy it out first if it may be needed)");
    return Optional.of(p.build());
  }

  /**
   * Change a column's type: a new column of the new type filled by a trigger and a backfill, then
   * swapped in under the old name.
   */
  public static Optional<Plan> changeColumnType(MigrationLayout layout, Catalog catalog, int version,
      ObjectName table, String column, TypeRef type, Optional<Expr> using) {
    return changeColumnType(layout, catalog, version, table, column, type, using, Optional.empty());
  }

  /**
   * As {@link #changeColumnType(MigrationLayout, Catalog, int, ObjectName, String, TypeRef, Optional)},
   * the new column with the collation the statement names ({@code C}, {@code public.ci}).
   */
  public static Optional<Plan> changeColumnType(MigrationLayout layout, Catalog catalog, int version,
      ObjectName table, String column, TypeRef type, Optional<Expr> using, Optional<String> collation) {
    Optional<Table> t = catalog.table(table);
    Optional<Column> c = t.flatMap(x -> x.column(column));
    if (c.isEmpty()) {
      return Optional.empty();
    }
    Column col = c.get();
    String tmp = column + "_new";
    for (int i = 2; t.get().column(tmp).isPresent(); i++) {
      tmp = column + "_new" + i;
    }
    Rebuild r = rebuild(catalog, table, t.get(), col, tmp);
    if (r.blocker.isPresent()) {
      return Optional.empty();
    }
    String tab = table.sql();
    String q = ObjectName.quote(column);
    String tq = ObjectName.quote(tmp);
    String typeSql = typeSql(type);
    String conv = using.map(u -> "(" + u.text() + ")").orElse(q + "::" + typeSql);
    String convNew = using.map(u -> "(" + qualifyColumn(u.text(), column, "NEW." + q) + ")")
        .orElse("NEW." + q + "::" + typeSql);
    ObjectName fn = sibling(table, table.name() + "_" + tmp + "_sync");
    String trigger = ObjectName.quote(truncate(table.name() + "_" + tmp + "_sync"));
    String nn = truncate(table.name() + "_" + tmp + "_not_null");
    List<String> expand = new ArrayList<>();
    expand.add(LOCK_TIMEOUT);
    String collate = Column.collationOf(collation).map(Column::collateSql).orElse("");
    expand.add("ALTER TABLE " + tab + " ADD COLUMN " + tq + " " + typeSql + collate + ";");
    expand.add("CREATE FUNCTION " + fn.sql() + "() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        + "BEGIN\n"
        + "  NEW." + tq + " := " + convNew + ";\n"
        + "  RETURN NEW;\n"
        + "END\n"
        + "$$;");
    expand.add("CREATE TRIGGER " + trigger + " BEFORE INSERT OR UPDATE ON " + tab + " FOR EACH ROW EXECUTE FUNCTION "
        + fn.sql() + "();");
    if (col.notNull()) {
      expand.add(notValidNotNull(tab, nn, tq, version));
    }
    expand.addAll(r.expand);
    PlanBuilder p = PlanBuilder.of(layout, "Change " + col(table, column) + " to " + type.display()
        + " through a new column" + r.describe());
    p.migration("Add \"" + tmp + "\" of the new type, filled by a trigger", "add_" + tmp, expand, true,
        "ADD COLUMN and CREATE TRIGGER hold their locks only briefly; every write now fills both columns");
    p.migration("Backfill \"" + tmp + "\" in batches", "backfill_" + tmp,
        batchUpdate(table, key(t.get()), tq + " = " + conv, tq + " IS NULL AND " + q + " IS NOT NULL"), false,
        BACKFILL_WHY);
    if (col.notNull()) {
      p.migration("Validate that \"" + tmp + "\" has no NULLs", "validate_" + tmp,
          "ALTER TABLE " + tab + " VALIDATE CONSTRAINT " + ObjectName.quote(nn) + ";", true,
          "scans under SHARE UPDATE EXCLUSIVE: reads and writes continue");
    }
    rebuildSteps(p, r, tmp);
    p.deploy("Deploy code that works with either type of \"" + column + "\"",
        "the swap changes the type under running code");
    List<String> swap = new ArrayList<>();
    swap.add(LOCK_TIMEOUT);
    swap.add("DROP TRIGGER " + trigger + " ON " + tab + ";");
    swap.add("DROP FUNCTION " + fn.sql() + "();");
    swap.add(reviewed("drop-column", "planned: its values live on in " + tq,
        "ALTER TABLE " + tab + " DROP COLUMN " + q + ";"));
    swap.add(reviewed("rename-column", "planned: the new column takes the old one's name",
        "ALTER TABLE " + tab + " RENAME COLUMN " + tq + " TO " + q + ";"));
    if (col.notNull() && version < 18) {
      swap.add("ALTER TABLE " + tab + " ALTER COLUMN " + q + " SET NOT NULL;");
      swap.add("ALTER TABLE " + tab + " DROP CONSTRAINT " + ObjectName.quote(nn) + ";");
    }
    swap.addAll(r.afterSwap);
    col.defaultValue().ifPresent(d -> swap.add("ALTER TABLE " + tab + " ALTER COLUMN " + q + " SET DEFAULT "
        + d.text() + ";"));
    p.migration("Swap the columns", "swap_" + column, swap, true,
        BRIEF + (col.notNull() && version < 18 ? "; SET NOT NULL uses the validated CHECK instead of scanning" : "")
            + (r.afterSwap.isEmpty() ? "" : "; the indexes and constraints built on \"" + tmp + "\" take over the"
                + " old names without a scan"));
    return Optional.of(p.build());
  }

  /**
   * Remove enum values from a column's type: stop writing them, move the rows that hold them to
   * another value, then change the type through a new column ({@link #changeColumnType}); {@code
   * after} are the statements that followed the type change in the original migration (renaming and
   * dropping the old type), which run with the swap.
   */
  public static Optional<Plan> removeEnumValues(MigrationLayout layout, Catalog catalog, int version,
      ObjectName table, String column, TypeRef type, Optional<Expr> using, List<String> removed,
      List<String> after) {
    Optional<Plan> change = changeColumnType(layout, catalog, version, table, column, type, using);
    Optional<Table> t = catalog.table(table);
    if (change.isEmpty() || t.isEmpty()) {
      return Optional.empty();
    }
    String q = ObjectName.quote(column);
    String values = String.join(", ", removed.stream().map(v -> "'" + v.replace("'", "''") + "'").toList());
    PlanBuilder p = PlanBuilder.of(layout, "Remove " + values + " from " + col(table, column) + " without a"
        + " blocking rewrite");
    p.deploy("Deploy code that no longer writes " + values, "rows written with a removed value would fail the"
        + " new type");
    p.waitFor("Wait until no instance of the previous version is running", "they may still write " + values);
    p.migration("Move the rows that hold " + values + " to another value (replace " + VALUE_PLACEHOLDER + ")",
        "move_" + column + "_values", batchUpdate(table, key(t.get()), q + " = " + VALUE_PLACEHOLDER,
            q + "::text IN (" + values + ")"), false, BACKFILL_WHY);
    List<PlanStep> steps = change.get().steps();
    for (int i = 0; i < steps.size(); i++) {
      PlanStep s = steps.get(i);
      if (s.kind() == PlanStep.Kind.DEPLOY) {
        continue; // the code already copes: it stopped writing the removed values
      }
      if (s.kind() != PlanStep.Kind.MIGRATION) {
        p.waitFor(s.title(), s.why());
        continue;
      }
      List<String> statements = new ArrayList<>(splitStatements(s.sql().orElse("")));
      if (i == steps.size() - 1) {
        statements.addAll(after);
      }
      boolean outside = s.sql().orElse("").startsWith("DO $$") || s.sql().orElse("").contains("CONCURRENTLY");
      p.migration(s.title() + (i == steps.size() - 1 && !after.isEmpty() ? ", then swap the types" : ""),
          nameOf(s, i), statements, !outside, s.why());
    }
    return Optional.of(p.build());
  }

  private static String nameOf(PlanStep s, int i) {
    return s.path().map(path -> {
      String f = path.endsWith("/migration.sql") ? path.substring(0, path.length() - "/migration.sql".length())
          : path;
      f = f.substring(f.lastIndexOf('/') + 1);
      return f.replaceFirst("^[Vv]?[0-9._-]+_+", "").replaceFirst("\\.(up\\.)?sql$", "");
    }).orElse("step_" + (i + 1));
  }

  /** The statements of a step's content as written by {@link MigrationLayout#content} for plain layouts. */
  private static List<String> splitStatements(String content) {
    List<String> out = new ArrayList<>();
    int prevEnd = 0;
    for (dev.lockstep.core.source.SqlStatement st : dev.lockstep.core.source.Splitter.split(content,
        dev.lockstep.core.source.Dialect.POSTGRESQL).statements()) {
      String text = st.span().of(content).strip();
      // keep the comment lines right before the statement (the suppressions of reviewed steps)
      String lead = content.substring(Math.min(prevEnd, st.span().start()), st.span().start()).strip();
      boolean comments = !lead.isEmpty() && lead.lines().allMatch(l -> l.strip().startsWith("--"));
      out.add((comments && !text.startsWith("--") ? lead + "\n" : "") + (text.endsWith(";") ? text : text + ";"));
      prevEnd = st.span().end();
    }
    return out;
  }

  /**
   * Add a NOT NULL column without a default: nullable first, code that writes it, a backfill, then
   * NOT NULL proved by a validated constraint.
   */
  public static Optional<Plan> addRequiredColumn(MigrationLayout layout, Catalog catalog, int version,
      ObjectName table, ColumnDef column) {
    Optional<Table> t = catalog.table(table);
    if (t.isEmpty() || !column.constraints().stream().allMatch(k -> k.kind() == ConstraintKind.NOT_NULL)
        || column.generated() != ColumnDef.Generated.NONE || column.identity() != ColumnDef.Identity.NONE
        || column.type().isSerial()) {
      return Optional.empty();
    }
    String tab = table.sql();
    String q = ObjectName.quote(column.name());
    String nn = truncate(table.name() + "_" + column.name() + "_not_null");
    String collate = column.collation().map(cn -> " COLLATE " + ObjectName.quote(cn)).orElse("");
    PlanBuilder p = PlanBuilder.of(layout, "Add " + col(table, column.name()) + " as nullable, fill it, then"
        + " make it NOT NULL");
    p.migration("Add the column as nullable", "add_" + column.name(),
        List.of(LOCK_TIMEOUT, "ALTER TABLE " + tab + " ADD COLUMN " + q + " " + typeSql(column.type()) + collate
            + ";"), true, BRIEF + "; metadata only");
    p.deploy("Deploy code that sets \"" + column.name() + "\" on every insert", "new rows must not add NULLs");
    p.waitFor("Wait until no instance of the previous version is running", "they insert rows without the column");
    p.migration("Backfill existing rows in batches (replace " + VALUE_PLACEHOLDER + " with their value)",
        "backfill_" + column.name(),
        batchUpdate(table, key(t.get()), q + " = " + VALUE_PLACEHOLDER, q + " IS NULL"), false, BACKFILL_WHY);
    p.migration("Add the NOT NULL constraint without checking existing rows", "add_" + nn,
        List.of(LOCK_TIMEOUT, notValidNotNull(tab, nn, q, version)), true, BRIEF + "; instant");
    p.migration("Validate it", "validate_" + nn,
        "ALTER TABLE " + tab + " VALIDATE CONSTRAINT " + ObjectName.quote(nn) + ";", true,
        "scans under SHARE UPDATE EXCLUSIVE: reads and writes continue"
            + (version >= 18 ? "; the column is then NOT NULL" : ""));
    if (version < 18) {
      p.migration("Set NOT NULL using the validated CHECK, then drop it", "set_" + column.name() + "_not_null",
          List.of(LOCK_TIMEOUT, "ALTER TABLE " + tab + " ALTER COLUMN " + q + " SET NOT NULL;",
              "ALTER TABLE " + tab + " DROP CONSTRAINT " + ObjectName.quote(nn) + ";"), true,
          BRIEF + "; no scan: the CHECK already proves there are no NULLs");
    }
    return Optional.of(p.build());
  }

  /**
   * Add a column whose default is volatile (evaluated per row, so PostgreSQL rewrites the table to
   * fill it): add it without the default, set the default for new rows (metadata only), fill the
   * existing rows in batches, then NOT NULL proved by a validated constraint where it was asked for.
   */
  public static Optional<Plan> addColumnWithVolatileDefault(MigrationLayout layout, Catalog catalog, int version,
      ObjectName table, ColumnDef column) {
    Optional<Table> t = catalog.table(table);
    if (t.isEmpty() || column.defaultValue().isEmpty() || t.get().partitioned()
        || !column.constraints().stream().allMatch(k -> k.kind() == ConstraintKind.NOT_NULL)
        || column.generated() != ColumnDef.Generated.NONE || column.identity() != ColumnDef.Identity.NONE
        || column.type().isSerial()) {
      return Optional.empty();
    }
    boolean notNull = column.notNull()
        || column.constraints().stream().anyMatch(k -> k.kind() == ConstraintKind.NOT_NULL);
    String tab = table.sql();
    String q = ObjectName.quote(column.name());
    String expr = column.defaultValue().get().text();
    String nn = truncate(table.name() + "_" + column.name() + "_not_null");
    String collate = column.collation().map(cn -> " COLLATE " + ObjectName.quote(cn)).orElse("");
    PlanBuilder p = PlanBuilder.of(layout, "Add " + col(table, column.name()) + " without a rewrite: default for new"
        + " rows first, existing rows in batches" + (notNull ? ", then NOT NULL" : ""));
    p.migration("Add the column without the default, then set the default for new rows", "add_" + column.name(),
        List.of(LOCK_TIMEOUT, "ALTER TABLE " + tab + " ADD COLUMN " + q + " " + typeSql(column.type()) + collate + ";",
            "ALTER TABLE " + tab + " ALTER COLUMN " + q + " SET DEFAULT " + expr + ";"), true,
        BRIEF + "; metadata only: rows inserted from now on get the default");
    p.migration("Fill the existing rows in batches", "backfill_" + column.name(),
        batchUpdate(table, key(t.get()), q + " = " + expr, q + " IS NULL"), false, BACKFILL_WHY
            + "; each existing row gets its own value of " + expr);
    if (notNull) {
      p.migration("Add the NOT NULL constraint without checking existing rows", "add_" + nn,
          List.of(LOCK_TIMEOUT, notValidNotNull(tab, nn, q, version)), true, BRIEF + "; instant");
      p.migration("Validate it", "validate_" + nn,
          "ALTER TABLE " + tab + " VALIDATE CONSTRAINT " + ObjectName.quote(nn) + ";", true,
          "scans under SHARE UPDATE EXCLUSIVE: reads and writes continue"
              + (version >= 18 ? "; the column is then NOT NULL" : ""));
      if (version < 18) {
        p.migration("Set NOT NULL using the validated CHECK, then drop it", "set_" + column.name() + "_not_null",
            List.of(LOCK_TIMEOUT, "ALTER TABLE " + tab + " ALTER COLUMN " + q + " SET NOT NULL;",
                "ALTER TABLE " + tab + " DROP CONSTRAINT " + ObjectName.quote(nn) + ";"), true,
            BRIEF + "; no scan: the CHECK already proves there are no NULLs");
      }
    }
    return Optional.of(p.build());
  }

  /** SET NOT NULL proved by a NOT VALID constraint validated in a later migration. */
  public static Plan setNotNull(MigrationLayout layout, int version, ObjectName table, String column) {
    String tab = table.sql();
    String q = ObjectName.quote(column);
    String nn = truncate(table.name() + "_" + column + "_not_null");
    PlanBuilder p = PlanBuilder.of(layout, "Make " + col(table, column) + " NOT NULL without a blocking scan");
    p.migration((version >= 18 ? "Add the NOT NULL constraint" : "Add a CHECK constraint")
        + " without checking existing rows", "add_" + nn, List.of(LOCK_TIMEOUT, notValidNotNull(tab, nn, q, version)),
        true, BRIEF + "; instant");
    p.migration("Validate it", "validate_" + nn, "ALTER TABLE " + tab + " VALIDATE CONSTRAINT "
        + ObjectName.quote(nn) + ";", true, "scans under SHARE UPDATE EXCLUSIVE: reads and writes continue"
        + (version >= 18 ? "; the column is then NOT NULL" : ""));
    if (version < 18) {
      p.migration("Set NOT NULL using the validated CHECK, then drop it", "set_" + column + "_not_null",
          List.of(LOCK_TIMEOUT, "ALTER TABLE " + tab + " ALTER COLUMN " + q + " SET NOT NULL;",
              "ALTER TABLE " + tab + " DROP CONSTRAINT " + ObjectName.quote(nn) + ";"), true,
          BRIEF + "; no scan: the CHECK already proves there are no NULLs");
    }
    return p.build();
  }

  /** A FOREIGN KEY or CHECK added NOT VALID, validated in a later migration. */
  public static Plan notValidConstraint(MigrationLayout layout, ObjectName table, String name, String addStatement) {
    PlanBuilder p = PlanBuilder.of(layout, "Add \"" + name + "\" NOT VALID, validate it later");
    p.migration("Add the constraint without checking existing rows", "add_" + name + "_not_valid",
        List.of(LOCK_TIMEOUT, addStatement), true, BRIEF + "; new and updated rows are checked from now on");
    p.migration("Validate existing rows", "validate_" + name, "ALTER TABLE " + table.sql() + " VALIDATE CONSTRAINT "
        + ObjectName.quote(name) + ";", true, "scans under SHARE UPDATE EXCLUSIVE: reads and writes continue");
    return p.build();
  }

  /** UNIQUE or PRIMARY KEY from an index built concurrently. */
  public static Plan constraintUsingIndex(MigrationLayout layout, ObjectName table, String name, String kindSql,
      List<String> columns) {
    PlanBuilder p = PlanBuilder.of(layout, "Build the index concurrently, then attach it as the constraint");
    usingIndex(p, table, name, kindSql, columns);
    return p.build();
  }

  /**
   * {@code ADD COLUMN c ... UNIQUE} on an existing table: the column alone first ({@code addColumn},
   * the statement without its UNIQUE clause; metadata only, every existing row NULL), then its
   * unique index built concurrently and attached as the constraint {@code name}.
   */
  public static Plan addColumnThenUnique(MigrationLayout layout, ObjectName table, String column, String addColumn,
      String name) {
    PlanBuilder p = PlanBuilder.of(layout, "Add the column, then build its unique index concurrently and attach it");
    p.migration("Add the column without UNIQUE", "add_" + column, List.of(LOCK_TIMEOUT, addColumn), true,
        BRIEF + "; metadata only: existing rows get NULL, which a unique index allows");
    usingIndex(p, table, name, "UNIQUE", List.of(column));
    return p.build();
  }

  private static void usingIndex(PlanBuilder p, ObjectName table, String name, String kindSql, List<String> columns) {
    String idx = ObjectName.quote(name);
    String cols = String.join(", ", columns.stream().map(ObjectName::quote).toList());
    p.migration("Build the unique index concurrently", name + "_index",
        "CREATE UNIQUE INDEX CONCURRENTLY " + idx + " ON " + table.sql() + " (" + cols + ");", false,
        "reads and writes continue while the index is built; if it fails, drop the INVALID index and retry");
    p.migration("Attach the index as the constraint", name, List.of(LOCK_TIMEOUT, "ALTER TABLE " + table.sql()
        + " ADD CONSTRAINT " + idx + " " + kindSql + " USING INDEX " + idx + ";"), true,
        BRIEF + "; metadata only" + (kindSql.startsWith("PRIMARY") ? " when the columns are already NOT NULL" : ""));
  }

  /** Drop tables: stop using them first, then drop them in a later migration. */
  public static Plan dropTable(MigrationLayout layout, List<ObjectName> tables, boolean cascade) {
    String names = String.join(", ", tables.stream().map(ExpandContract::rel).toList());
    boolean one = tables.size() == 1;
    PlanBuilder p = PlanBuilder.of(layout, "Stop using " + names + " before dropping " + (one ? "it" : "them"));
    if (layout.tool() == MigrationTool.PRISMA) {
      p.deploy("Remove the model" + (one ? "" : "s") + " from schema.prisma and deploy the application",
          "Prisma Client stops querying " + names + "; do not create this migration yet");
    } else {
      p.deploy("Deploy code that no longer reads or writes " + names,
          "the running code must not need " + (one ? "the table" : "the tables") + " when " + (one ? "it disappears"
              : "they disappear"));
    }
    p.waitFor("Wait until no instance of the previous version is running", "they still query " + names);
    p.migration("Drop " + (one ? "the table" : "the tables"), "drop_" + tables.get(0).name(),
        List.of(LOCK_TIMEOUT, reviewed("drop-table", "planned: runs after the deploy that stopped using it",
            "DROP TABLE " + String.join(", ", tables.stream().map(ObjectName::sql).toList())
                + (cascade ? " CASCADE" : "") + ";")), true,
        BRIEF + "; the rows are gone for good and a rollback cannot bring them back: back them up first if they may"
            + " be needed");
    return p.build();
  }

  /**
   * Instead of {@code VACUUM FULL}: PostgreSQL has no online form of it. Plain VACUUM makes the dead
   * space reusable without blocking reads or writes; giving it back to the operating system needs a
   * rewrite, which only an external tool (such as pg_repack) does online.
   */
  public static Plan vacuumInstead(MigrationLayout layout, List<ObjectName> tables, boolean analyze) {
    String names = String.join(", ", tables.stream().map(ExpandContract::rel).toList());
    PlanBuilder p = PlanBuilder.of(layout, "No online form of VACUUM FULL exists: run plain VACUUM on " + names
        + " instead (the space becomes reusable but is not returned to the operating system; only an external tool"
        + " such as pg_repack rewrites a table online)");
    p.migration("Vacuum without FULL, outside a transaction", "vacuum_" + tables.get(0).name(),
        "VACUUM " + (analyze ? "(ANALYZE) " : "") + String.join(", ", tables.stream().map(ObjectName::sql).toList())
            + ";", false, "SHARE UPDATE EXCLUSIVE: reads and writes continue");
    return p.build();
  }

  /**
   * Instead of {@code CLUSTER table USING index}: PostgreSQL has no online form of the physical
   * reordering; this keeps only the choice of index (metadata) that CLUSTER records.
   */
  public static Plan clusterInstead(MigrationLayout layout, ObjectName table, String index) {
    PlanBuilder p = PlanBuilder.of(layout, "No online form of CLUSTER exists: record \"" + index + "\" as the"
        + " clustering index of " + rel(table) + " without reordering the rows (the order decays with writes anyway;"
        + " only an external tool such as pg_repack reorders a table online)");
    p.migration("Record the clustering index only", "cluster_" + table.name() + "_on_" + index,
        "ALTER TABLE " + table.sql() + " CLUSTER ON " + ObjectName.quote(index) + ";", true,
        "metadata only, under SHARE UPDATE EXCLUSIVE: reads and writes continue");
    return p.build();
  }

  /**
   * An index on a partitioned table, which PostgreSQL cannot build concurrently: the index on the
   * parent only (invalid until complete), the index of each partition built concurrently under the
   * name PostgreSQL would give it, then each attached to the parent's, which makes it valid. Empty
   * when a partition is itself partitioned or has no partitions.
   */
  public static Optional<Plan> partitionedIndex(MigrationLayout layout, Catalog catalog, ObjectName table,
      Optional<String> name, boolean unique, String method, List<String> elements, List<String> columns,
      Optional<String> predicate) {
    return partitionedIndex(layout, catalog, table, name, unique, method, elements, columns, predicate, "");
  }

  /**
   * As {@link #partitionedIndex(MigrationLayout, Catalog, ObjectName, Optional, boolean, String, List, List,
   * Optional)} with the index's INCLUDE, NULLS, WITH and TABLESPACE clauses, kept on every index it builds.
   */
  public static Optional<Plan> partitionedIndex(MigrationLayout layout, Catalog catalog, ObjectName table,
      Optional<String> name, boolean unique, String method, List<String> elements, List<String> columns,
      Optional<String> predicate, String options) {
    Optional<Table> t = catalog.table(table);
    if (t.isEmpty() || !t.get().partitioned() || elements.isEmpty()) {
      return Optional.empty();
    }
    List<Table> parts = catalog.partitionsOf(t.get().name());
    if (parts.isEmpty() || parts.stream().anyMatch(Table::partitioned)) {
      return Optional.empty();
    }
    String schema = t.get().name().schema();
    java.util.Set<String> taken = new java.util.HashSet<>();
    String parentName = name.orElseGet(() -> dev.lockstep.core.catalog.PgNames.choose(table.name(),
        dev.lockstep.core.catalog.PgNames.columnsPart(elements), "idx",
        n -> catalog.relationExists(new ObjectName(schema, n))));
    taken.add(parentName);
    String using = method.isEmpty() || method.equals("btree") ? "" : " USING " + method;
    String def = " (" + String.join(", ", elements) + ")" + (options.isEmpty() ? "" : " " + options)
        + predicate.map(w -> " WHERE " + w).orElse("");
    String kind = unique ? "UNIQUE INDEX" : "INDEX";
    PlanBuilder p = PlanBuilder.of(layout, "Build \"" + parentName + "\" on partitioned " + rel(table)
        + " partition by partition, concurrently");
    p.migration("Create the index on the parent only", parentName + "_parent",
        List.of(LOCK_TIMEOUT, "CREATE " + kind + " " + ObjectName.quote(parentName) + " ON ONLY " + table.sql() + using
            + def + ";"), true, BRIEF + " on the parent, which holds no rows; the index stays invalid until every"
            + " partition's index is attached");
    List<String> attach = new ArrayList<>();
    attach.add(LOCK_TIMEOUT);
    for (Table part : parts) {
      String ps = part.name().schema();
      String child = dev.lockstep.core.catalog.PgNames.choose(part.name().name(),
          dev.lockstep.core.catalog.PgNames.columnsPart(elements.stream().map(ExpandContract::bareElement).toList()),
          "idx",
          n -> taken.contains(n) || catalog.relationExists(new ObjectName(ps, n)));
      taken.add(child);
      ObjectName childName = new ObjectName(part.name().schema(), child);
      ObjectName partName = table.qualified() ? part.name() : ObjectName.of(part.name().name());
      p.migration("Build the index of " + rel(part.name()) + " concurrently", child,
          "CREATE " + kind + " CONCURRENTLY " + ObjectName.quote(child) + " ON " + partName.sql() + using + def
              + ";", false, "reads and writes continue while the index is built; if it fails, drop the INVALID index"
              + " and retry");
      attach.add("ALTER INDEX " + sibling(table, parentName).sql() + " ATTACH PARTITION "
          + (table.qualified() ? childName.sql() : ObjectName.quote(child)) + ";");
    }
    p.migration("Attach the partitions' indexes", "attach_" + parentName, attach, true,
        BRIEF + "; metadata only: the parent's index becomes valid once every partition's index is attached");
    return Optional.of(p.build());
  }

  private static final Pattern BARE_ELEMENT = Pattern.compile(
      "^\\s*(\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)(?:\\s+[^()]*)?$", Pattern.DOTALL);

  /** A column element without its opclass, collation and ordering ({@code at DESC} is {@code at}). */
  static String bareElement(String element) {
    Matcher m = BARE_ELEMENT.matcher(element);
    return m.matches() ? m.group(1) : element;
  }

  /**
   * Why a foreign key cannot be added NOT VALID to a partitioned table before PostgreSQL 18, and
   * what to do instead; empty where NOT VALID works.
   */
  public static Optional<String> noNotValidForeignKey(Catalog catalog, ObjectName table, int version) {
    if (version >= 18 || !catalog.table(table).map(Table::partitioned).orElse(false)) {
      return Optional.empty();
    }
    return Optional.of("PostgreSQL " + version + " cannot add a NOT VALID foreign key to partitioned table "
        + rel(table) + " (ERROR: cannot add NOT VALID foreign key on partitioned table; PostgreSQL 18 can), so the"
        + " constraint is checked against every row while the writes are blocked; add it in a quiet period with a"
        + " lock_timeout, or upgrade to 18 and add it NOT VALID, then VALIDATE it in a later migration");
  }

  /**
   * A migration split after the statement that adds an enum value, so that the value is committed
   * before the statements that use it run: PostgreSQL rejects a value used in the transaction that
   * added it (ERROR 55P04).
   */
  public static Plan commitEnumValueFirst(MigrationLayout layout, ObjectName type, String value, List<String> first,
      List<String> rest) {
    PlanBuilder p = PlanBuilder.of(layout, "Commit the new value '" + value + "' of " + rel(type) + " before using it "
        + WHOLE_MIGRATION);
    p.migration("Add the enum value (and what came before it) and commit", "add_" + type.name() + "_" + value,
        withLockTimeout(first), true, "a new enum value can be used only once the transaction that added it has"
            + " committed");
    if (!rest.isEmpty()) {
      p.migration("Use the new value in a migration of its own", "use_" + type.name() + "_" + value,
          withLockTimeout(rest), true,
          "runs after the value is committed; lockstep lints these statements again once the file exists");
    }
    return p.build();
  }

  /**
   * One migration of a split transaction: its statements, and whether it runs in a transaction.
   * {@link #lockTimeout} steps get {@code SET lock_timeout} first.
   */
  public record Part(String title, String name, List<String> statements, boolean transactional,
      boolean lockTimeout, String why) {}

  /**
   * A migration whose transaction takes an ACCESS EXCLUSIVE lock on {@code locked} and then runs a
   * slow statement, split so that the lock is held only for the quick changes: the statements before
   * the slow one in a migration of their own (after {@code SET lock_timeout}), then the slow
   * statement in its own migration(s) ({@code slow}: concurrently, or NOT VALID then VALIDATE, where
   * that applies), then the statements after it. Together the files do what the migration did.
   */
  public static Plan splitTransaction(MigrationLayout layout, ObjectName locked, List<String> quick, List<Part> slow,
      List<String> rest) {
    PlanBuilder p = PlanBuilder.of(layout, "Split the migration so the ACCESS EXCLUSIVE lock on " + rel(locked)
        + " is held only for the quick changes " + WHOLE_MIGRATION);
    if (!quick.isEmpty()) {
      p.migration("Make the quick changes, with lock_timeout, and commit", "quick_changes",
          withLockTimeout(quick), true, BRIEF + "; it commits before the slow statement starts, so "
              + rel(locked) + " is locked only for a moment");
    }
    for (Part part : slow) {
      p.migration(part.title(), part.name(), part.lockTimeout() ? withLockTimeout(part.statements())
          : part.statements(), part.transactional(), part.why());
    }
    if (!rest.isEmpty()) {
      p.migration("Run the rest of the migration", "rest_of_migration", withLockTimeout(rest), true,
          "the statements that followed the slow one, in their own transaction; lockstep lints them again"
              + " once the file exists");
    }
    return p.build();
  }

  private static List<String> withLockTimeout(List<String> statements) {
    for (int i = 0; i < statements.size(); i++) {
      if (SETS_LOCK_TIMEOUT.matcher(statements.get(i)).lookingAt()) {
        return statements;
      }
    }
    List<String> out = new ArrayList<>();
    out.add(LOCK_TIMEOUT);
    out.addAll(statements);
    return out;
  }

  /** A statement that must run outside a transaction, alone in its own migration file. */
  public static Plan alone(MigrationLayout layout, String title, String stepTitle, String name, String statement,
      String why) {
    return PlanBuilder.of(layout, title).migration(stepTitle, name, statement, false, why).build();
  }

  /**
   * An {@code UPDATE table SET assignments [WHERE where]} run as a resumable batch loop; empty when
   * the assignments use volatile functions (a batch could never tell which rows are done).
   */
  public static Optional<Plan> batchedUpdate(MigrationLayout layout, Catalog catalog, ObjectName table,
      String assignments, Optional<String> where) {
    Optional<Table> t = catalog.table(table);
    List<String[]> pairs = assignments(assignments);
    if (t.isEmpty() || pairs.isEmpty() || VOLATILE.matcher(assignments).find()) {
      return Optional.empty();
    }
    String targets = pairs.size() == 1 ? pairs.get(0)[0]
        : "ROW(" + String.join(", ", pairs.stream().map(x -> x[0]).toList()) + ")";
    String values = pairs.size() == 1 ? "(" + pairs.get(0)[1] + ")"
        : "ROW(" + String.join(", ", pairs.stream().map(x -> x[1]).toList()) + ")";
    String todo = where.map(w -> "(" + w + ") AND ").orElse("") + targets + " IS DISTINCT FROM " + values;
    PlanBuilder p = PlanBuilder.of(layout, "Backfill " + rel(table) + " in batches, outside the schema migration");
    p.migration("Update the rows in batches that each commit", "backfill_" + table.name(),
        batchUpdate(table, key(t.get()), assignments.strip(), todo), false, BACKFILL_WHY);
    return Optional.of(p.build());
  }

  /** A {@code DELETE FROM table [WHERE where]} run as a batch loop. */
  public static Optional<Plan> batchedDelete(MigrationLayout layout, Catalog catalog, ObjectName table,
      Optional<String> where) {
    Optional<Table> t = catalog.table(table);
    if (t.isEmpty()) {
      return Optional.empty();
    }
    String k = key(t.get());
    String sql = "DO $$\nDECLARE\n  n bigint;\nBEGIN\n  LOOP\n"
        + "    DELETE FROM " + table.sql() + "\n"
        + "    WHERE " + k + " = ANY (ARRAY(SELECT " + k + " FROM " + table.sql()
        + where.map(w -> " WHERE " + w).orElse("") + " LIMIT " + BATCH + "));\n"
        + "    GET DIAGNOSTICS n = ROW_COUNT;\n    EXIT WHEN n = 0;\n    COMMIT;\n  END LOOP;\nEND\n$$;";
    PlanBuilder p = PlanBuilder.of(layout, "Delete from " + rel(table) + " in batches, outside the schema migration");
    p.migration("Delete the rows in batches that each commit", "delete_" + table.name(), sql, false,
        BACKFILL_WHY);
    return Optional.of(p.build());
  }

  /**
   * A loop that updates {@value #BATCH} rows matching {@code todo} at a time and commits after each
   * batch. It runs only outside a transaction block (a DO block may COMMIT only there), so it is the
   * one statement of its file.
   */
  static String batchUpdate(ObjectName table, String key, String set, String todo) {
    return "DO $$\nDECLARE\n  n bigint;\nBEGIN\n  LOOP\n"
        + "    UPDATE " + table.sql() + " SET " + set + "\n"
        + "    WHERE " + key + " = ANY (ARRAY(SELECT " + key + " FROM " + table.sql() + " WHERE " + todo
        + " LIMIT " + BATCH + "));\n"
        + "    GET DIAGNOSTICS n = ROW_COUNT;\n"
        + "    EXIT WHEN n = 0;\n"
        + "    COMMIT;\n"
        + "  END LOOP;\n"
        + "END\n"
        + "$$;";
  }

  private static final Pattern VOLATILE = Pattern.compile(
      "(?i)\\b(now|random|clock_timestamp|statement_timestamp|transaction_timestamp|timeofday|nextval"
          + "|gen_random_uuid|uuid_generate_v[14]|current_timestamp|localtimestamp|current_time|localtime)\\b");

  /** One assignment of an UPDATE's SET list: the column (group 1) and its value (group 2). */
  private static final Pattern ASSIGNMENT =
      Pattern.compile("(?s)^\\s*(\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)\\s*=(?!=)\\s*(.+?)\\s*$");

  /** {@code a = x, b = f(y, z)} as pairs; empty when it cannot be split safely. */
  public static List<String[]> assignments(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '\'' || ch == '"') {
        int j = text.indexOf(ch, i + 1);
        if (j < 0) {
          return List.of();
        }
        i = j;
      } else if (ch == '(') {
        depth++;
      } else if (ch == ')') {
        depth--;
      } else if (ch == ',' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      } else if (ch == '$' || ch == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
        return List.of();
      }
    }
    parts.add(text.substring(start));
    List<String[]> out = new ArrayList<>();
    for (String part : parts) {
      Matcher m = ASSIGNMENT.matcher(part);
      if (!m.matches()) {
        return List.of();
      }
      out.add(new String[] {m.group(1), m.group(2)});
    }
    return out;
  }

  /**
   * What a plan that replaces {@code column} by a new column ({@code replacement}) must rebuild on
   * it: plain indexes (built concurrently, renamed at the swap), PRIMARY KEY / UNIQUE constraints (a
   * unique index built concurrently, attached with USING INDEX at the swap) and CHECK constraints
   * (added NOT VALID, validated, renamed at the swap); or why no safe plan exists.
   */
  static final class Rebuild {
    final List<String> expand = new ArrayList<>();
    final List<String[]> validate = new ArrayList<>();
    final List<String[]> build = new ArrayList<>();
    final List<String> afterSwap = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    boolean primaryKey;
    Optional<String> blocker = Optional.empty();

    String describe() {
      return names.isEmpty() ? "" : "; rebuilds " + String.join(", ", names) + " on it";
    }
  }

  /** The rebuild of {@code column}'s indexes and constraints on {@code replacement}. */
  static Rebuild rebuild(Catalog catalog, ObjectName table, Table t, Column c, String replacement) {
    Rebuild r = new Rebuild();
    String column = c.name();
    String tab = table.sql();
    String rq = ObjectName.quote(replacement);
    if (c.generated() || c.identity() || c.type().isSerial()) {
      r.blocker = Optional.of(col(t.name(), column) + " is " + (c.generated() ? "a generated column"
          : c.identity() ? "an identity column" : "a serial column") + ": a copy of it cannot take over its "
          + (c.generated() ? "generation expression" : "sequence") + " without a rewrite");
      return r;
    }
    if (t.partitioned()) {
      r.blocker = Optional.of(rel(t.name()) + " is partitioned: a new column, its trigger and its indexes would"
          + " have to be built on every partition, which lockstep does not plan");
      return r;
    }
    for (Table other : catalog.tables()) {
      for (Constraint k : other.constraints()) {
        if (k.kind() == ConstraintKind.FOREIGN_KEY && k.referencedTable().map(x -> x.equals(t.name())).orElse(false)
            && t.constraints().stream().anyMatch(u -> (u.kind() == ConstraintKind.PRIMARY_KEY
                || u.kind() == ConstraintKind.UNIQUE) && u.columns().contains(column))) {
          r.blocker = Optional.of("foreign key \"" + k.name() + "\" of " + rel(other.name()) + " references "
              + rel(t.name()) + " through a key that contains \"" + column + "\": the key cannot move to a new"
              + " column while the foreign key depends on it; change the referencing column first (or drop the"
              + " foreign key, swap, and re-add it NOT VALID and VALIDATE it), by hand");
          return r;
        }
      }
    }
    for (Constraint k : t.constraints()) {
      if (k.kind() == ConstraintKind.NOT_NULL || !k.involves(column)) {
        continue;
      }
      String name = truncate(k.name() + "_new");
      switch (k.kind()) {
        case PRIMARY_KEY:
        case UNIQUE: {
          List<String> cols = k.columns().stream().map(x -> ObjectName.quote(x.equals(column) ? replacement : x))
              .toList();
          r.build.add(new String[] {name, "CREATE UNIQUE INDEX CONCURRENTLY " + ObjectName.quote(name) + " ON " + tab
              + " (" + String.join(", ", cols) + ");"});
          r.afterSwap.add("ALTER TABLE " + tab + " ADD CONSTRAINT " + ObjectName.quote(k.name()) + " "
              + (k.kind() == ConstraintKind.PRIMARY_KEY ? "PRIMARY KEY" : "UNIQUE") + " USING INDEX "
              + ObjectName.quote(name) + ";");
          r.primaryKey |= k.kind() == ConstraintKind.PRIMARY_KEY;
          r.names.add((k.kind() == ConstraintKind.PRIMARY_KEY ? "primary key \"" : "unique constraint \"")
              + k.name() + "\"");
          break;
        }
        case CHECK: {
          if (k.expression().isEmpty()) {
            r.blocker = Optional.of("the expression of CHECK constraint \"" + k.name() + "\" is not known");
            return r;
          }
          r.expand.add("ALTER TABLE " + tab + " ADD CONSTRAINT " + ObjectName.quote(name) + " CHECK ("
              + qualifyColumn(k.expression().get().text(), column, rq) + ") NOT VALID;");
          r.validate.add(new String[] {name, "ALTER TABLE " + tab + " VALIDATE CONSTRAINT " + ObjectName.quote(name)
              + ";"});
          r.afterSwap.add("ALTER TABLE " + tab + " RENAME CONSTRAINT " + ObjectName.quote(name) + " TO "
              + ObjectName.quote(k.name()) + ";");
          r.names.add("CHECK \"" + k.name() + "\"");
          break;
        }
        case FOREIGN_KEY:
          r.blocker = Optional.of("foreign key \"" + k.name() + "\" uses \"" + column + "\": moving it to a new"
              + " column means re-adding it NOT VALID on the new column and validating it, with the referenced"
              + " columns and actions of the original, which lockstep does not record; do it by hand");
          return r;
        default:
          r.blocker = Optional.of(k.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
              + " constraint \"" + k.name() + "\" uses \"" + column + "\" and has no online way to be rebuilt");
          return r;
      }
    }
    for (Index i : catalog.indexesOn(t.name())) {
      if (!i.constraint().isEmpty()) {
        continue;
      }
      boolean uses = i.columns().contains(column) || i.elements().stream().anyMatch(e -> mentions(e, column))
          || i.predicate().map(w -> mentions(w, column)).orElse(false) || mentions(Index.include(i.options()), column);
      if (!uses && !(i.columns().isEmpty() && i.elements().isEmpty())) {
        continue;
      }
      if (i.elements().isEmpty()) {
        r.blocker = Optional.of("the definition of index \"" + i.name().name() + "\" on " + rel(t.name())
            + " is not known (it was not created by a CREATE INDEX lockstep read), so it cannot be"
            + " rebuilt on the new column");
        return r;
      }
      String name = truncate(i.name().name() + "_new");
      List<String> elements = i.elements().stream().map(e -> qualifyColumn(e, column, rq)).toList();
      r.build.add(new String[] {name, "CREATE " + (i.unique() ? "UNIQUE " : "") + "INDEX CONCURRENTLY "
          + ObjectName.quote(name) + " ON " + tab + (i.method().isEmpty() || i.method().equals("btree") ? ""
              : " USING " + i.method()) + " (" + String.join(", ", elements) + ")"
          + (i.options().isEmpty() ? "" : " " + Index.withInclude(i.options(), qualifyColumn(Index.include(i.options()), column, rq)))
          + i.predicate().map(w -> " WHERE " + qualifyColumn(w, column, rq)).orElse("") + ";"});
      r.afterSwap.add("ALTER INDEX " + sibling(table, name).sql() + " RENAME TO " + ObjectName.quote(i.name().name())
          + ";");
      r.names.add("index \"" + i.name().name() + "\"");
    }
    return r;
  }

  /** Why {@code column} of {@code table} cannot be replaced by a new column safely, if it cannot. */
  public static Optional<String> noColumnPlan(Catalog catalog, ObjectName table, String column) {
    Optional<Table> t = catalog.table(table);
    Optional<Column> c = t.flatMap(x -> x.column(column));
    if (c.isEmpty()) {
      return Optional.empty();
    }
    return rebuild(catalog, table, t.get(), c.get(), column + "_new").blocker;
  }

  /** The steps that validate the rebuilt CHECKs and build the rebuilt indexes, each in a file of its own. */
  private static void rebuildSteps(PlanBuilder p, Rebuild r, String replacement) {
    for (String[] v : r.validate) {
      p.migration("Validate \"" + v[0] + "\"", "validate_" + v[0], v[1], true,
          "scans under SHARE UPDATE EXCLUSIVE: reads and writes continue");
    }
    for (String[] b : r.build) {
      p.migration("Build \"" + b[0] + "\" on \"" + replacement + "\" concurrently", b[0], b[1], false,
          "reads and writes continue while the index is built; if it fails, drop the INVALID index and retry");
    }
  }

  /** The single-column primary key, else {@code ctid}. */
  static String key(Table t) {
    return t.primaryKey().filter(pk -> pk.columns().size() == 1).map(pk -> ObjectName.quote(pk.columns().get(0)))
        .orElse("ctid");
  }

  /** A column a plan can copy: no index, constraint, identity or generation depends on it. */
  static boolean plainColumn(Catalog catalog, Table t, Column c) {
    if (c.generated() || c.identity() || c.type().isSerial() || t.partitioned()) {
      return false;
    }
    for (Constraint k : t.constraints()) {
      if (k.kind() != ConstraintKind.NOT_NULL && k.involves(c.name())) {
        return false;
      }
    }
    for (Index i : catalog.indexesOn(t.name())) {
      if (i.columns().contains(c.name()) || i.elements().stream().anyMatch(e -> mentions(e, c.name()))
          || i.predicate().map(w -> mentions(w, c.name())).orElse(false)
          || i.columns().isEmpty() && i.elements().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** A statement with the suppression that says it was reviewed as part of the plan. */
  static String reviewed(String rule, String reason, String statement) {
    return "-- lockstep:ignore " + rule + " -- " + reason + "\n" + statement;
  }

  private static String notValidNotNull(String tab, String name, String quotedColumn, int version) {
    if (version >= 18) {
      return "ALTER TABLE " + tab + " ADD CONSTRAINT " + ObjectName.quote(name) + " NOT NULL " + quotedColumn
          + " NOT VALID;";
    }
    return "ALTER TABLE " + tab + " ADD CONSTRAINT " + ObjectName.quote(name) + " CHECK (" + quotedColumn
        + " IS NOT NULL) NOT VALID;";
  }

  static String typeSql(TypeRef t) {
    return t.text() == null || t.text().isBlank() ? t.display() : t.text().strip();
  }

  /** Whether {@code expr} uses {@code column} (outside string literals and qualified names). */
  public static boolean mentions(String expr, String column) {
    return !qualifyColumn(expr, column, "\u0000").equals(expr);
  }

  /** Replaces whole-word uses of {@code column} (quoted or not) outside string literals. */
  static String qualifyColumn(String expr, String column, String replacement) {
    StringBuilder out = new StringBuilder();
    String quoted = "\"" + column.replace("\"", "\"\"") + "\"";
    int i = 0;
    while (i < expr.length()) {
      char ch = expr.charAt(i);
      if (ch == '\'') {
        int j = expr.indexOf('\'', i + 1);
        j = j < 0 ? expr.length() - 1 : j;
        out.append(expr, i, j + 1);
        i = j + 1;
      } else if (expr.startsWith(quoted, i)) {
        out.append(replacement);
        i += quoted.length();
      } else if (ch == '"') {
        int j = expr.indexOf('"', i + 1);
        j = j < 0 ? expr.length() - 1 : j;
        out.append(expr, i, j + 1);
        i = j + 1;
      } else if (Character.isLetter(ch) || ch == '_') {
        int j = i;
        while (j < expr.length() && (Character.isLetterOrDigit(expr.charAt(j)) || expr.charAt(j) == '_'
            || expr.charAt(j) == '$')) {
          j++;
        }
        String word = expr.substring(i, j);
        boolean qualified = i > 0 && expr.charAt(i - 1) == '.';
        boolean typeName = i >= 2 && expr.startsWith("::", i - 2);
        out.append(!qualified && !typeName && word.toLowerCase(java.util.Locale.ROOT).equals(column)
            ? replacement : word);
        i = j;
      } else {
        out.append(ch);
        i++;
      }
    }
    return out.toString();
  }

  static ObjectName sibling(ObjectName of, String name) {
    return new ObjectName(of.schema(), truncate(name));
  }

  static String truncate(String name) {
    return name.length() > 63 ? name.substring(0, 63) : name;
  }

  /** A plan that has no steps: its title says why no safe staged plan exists. */
  public static Plan noPlan(String why) {
    return new Plan("No safe staged plan: " + why, List.of());
  }

  private static String col(ObjectName table, String column) {
    return "\"" + table.name() + "\".\"" + column + "\"";
  }

  private static String rel(ObjectName table) {
    return "\"" + table.name() + "\"";
  }
}
