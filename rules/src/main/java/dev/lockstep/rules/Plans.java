package dev.lockstep.rules;

import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.plan.ExpandContract;
import dev.lockstep.core.plan.MigrationLayout;
import dev.lockstep.core.plan.PlanBuilder;
import dev.lockstep.core.rule.FileInfo;
import dev.lockstep.core.rule.Plan;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.source.Span;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The glue between rules and {@link ExpandContract}: reads what a plan needs from the rule context.
 * Plans are new migration files in the user's layout, ordered right after the file being linted.
 */
final class Plans {
  private static final Pattern SET = Pattern.compile("(?i)\\bSET\\b");
  private static final Pattern NOT_SIMPLE = Pattern.compile("(?i)\\b(FROM|RETURNING|WITH)\\b");
  private static final Pattern DELETE_FROM = Pattern.compile("(?i)^\\s*DELETE\\s+FROM");
  private static final Pattern TRAILING_WHERE = Pattern.compile("(?i)\\s*WHERE$");
  private static final Pattern FINAL_SEMICOLON = Pattern.compile(";\\s*$");

  private Plans() {}

  static MigrationLayout layout(FileInfo file) {
    return MigrationLayout.of(file.tool(), file.path());
  }

  static PlanBuilder plan(FileInfo file, String title) {
    return PlanBuilder.of(layout(file), title);
  }

  static String slug(String name) {
    return MigrationLayout.slug(name);
  }

  static Optional<Plan> renameColumn(RuleContext ctx, Operation.RenameColumn rc) {
    return ExpandContract.renameColumn(layout(ctx.file()), ctx.catalog(), ctx.serverVersion(), rc.relation(),
        rc.column(), rc.newName());
  }

  /** Why a plan through a new column cannot replace {@code column}, if it cannot. */
  static Optional<String> noColumnPlan(RuleContext ctx, ObjectName table, String column) {
    return ExpandContract.noColumnPlan(ctx.catalog(), table, column);
  }

  static Optional<Plan> renameTable(RuleContext ctx, Operation.RenameTable rt) {
    return ExpandContract.renameTable(layout(ctx.file()), ctx.catalog(), rt.relation(), rt.newName());
  }

  static Optional<Plan> dropColumn(RuleContext ctx, Operation.DropColumn dc) {
    return split(ctx, dc).or(() -> ExpandContract.dropColumn(layout(ctx.file()), ctx.catalog(), dc.relation(),
        dc.column()));
  }

  private static final Pattern UPDATE_SET = Pattern.compile("(?is)^UPDATE\\s+(?:ONLY\\s+)?"
      + "((?:\"[^\"]+\"|[\\w$]+)(?:\\.(?:\"[^\"]+\"|[\\w$]+))?)\\s+SET\\s+(.*?)(?:\\s+WHERE\\s+.*)?;?\\s*$");
  private static final java.util.Set<String> TEXT = java.util.Set.of("text", "varchar", "bpchar", "citext");

  /**
   * A column dropped after this file added columns to the same table and (usually) filled them from
   * it: a split (or a copy), planned with a sync trigger instead of a plain drop. Without an UPDATE
   * that fills them, two or more new text columns next to a dropped text column are taken as a split
   * by spaces.
   */
  static Optional<Plan> split(RuleContext ctx, Operation.DropColumn dc) {
    Optional<dev.lockstep.core.catalog.Table> t = ctx.catalog().table(dc.relation());
    Optional<dev.lockstep.core.catalog.Column> old = t.flatMap(x -> x.column(dc.column()));
    if (old.isEmpty()) {
      return Optional.empty();
    }
    java.util.List<dev.lockstep.core.catalog.Column> added = t.get().columns().stream()
        .filter(c -> c.origin().file().equals(ctx.file().path()) && !c.name().equals(dc.column())).toList();
    if (added.isEmpty()) {
      return Optional.empty();
    }
    java.util.List<String> names = added.stream().map(c -> c.name()).toList();
    java.util.LinkedHashMap<String, String> parts = new java.util.LinkedHashMap<>();
    String text = ctx.file().text();
    for (dev.lockstep.core.source.SqlStatement st : ctx.file().statements()) {
      if (st.span().start() >= ctx.statement().span().start()) {
        break;
      }
      Matcher m = UPDATE_SET.matcher(st.span().of(text).strip());
      if (!m.matches() || !unquote(m.group(1)).equals(dc.relation().name())) {
        continue;
      }
      for (String[] a : ExpandContract.assignments(m.group(2))) {
        String target = unquote(a[0]);
        if (names.contains(target) && ExpandContract.mentions(a[1], dc.column())) {
          parts.put(target, a[1]);
        }
      }
    }
    if (parts.isEmpty()) {
      boolean texts = TEXT.contains(old.get().type().name()) && added.stream()
          .allMatch(c -> TEXT.contains(c.type().name()) && !c.type().isArray());
      if (added.size() < 2 || !texts) {
        return Optional.empty();
      }
      parts = ExpandContract.splitBySpace(dc.column(), names);
    }
    java.util.List<String> keys = java.util.List.copyOf(parts.keySet());
    String combine = keys.size() == 1 ? quote(keys.get(0)) : ExpandContract.joinBySpace(keys);
    return ExpandContract.splitColumn(layout(ctx.file()), ctx.catalog(), dc.relation(), dc.column(), parts, combine,
        java.util.Map.of());
  }

  /** The last part of a possibly qualified, possibly quoted name, case-folded like PostgreSQL. */
  private static String unquote(String name) {
    String last = name.contains(".") && !name.endsWith("\"") ? name.substring(name.lastIndexOf('.') + 1)
        : name.contains("\".\"") ? name.substring(name.lastIndexOf("\".\"") + 2) : name;
    if (last.startsWith("\"") && last.endsWith("\"") && last.length() > 1) {
      return last.substring(1, last.length() - 1).replace("\"\"", "\"");
    }
    return last.toLowerCase(java.util.Locale.ROOT);
  }

  static Optional<Plan> changeType(RuleContext ctx, Operation.AlterColumnType act) {
    return ExpandContract.changeColumnType(layout(ctx.file()), ctx.catalog(), ctx.serverVersion(), act.relation(),
        act.column(), act.type(), act.using(), act.collation());
  }

  /** Enum values removed by a type change; the file's statements after it move into the swap step. */
  static Optional<Plan> enumRemoval(RuleContext ctx, Operation.AlterColumnType act, java.util.List<String> removed) {
    java.util.List<String> after = new java.util.ArrayList<>();
    String text = ctx.file().text();
    for (dev.lockstep.core.source.SqlStatement st : ctx.file().statements()) {
      String sql = st.span().of(text).strip();
      if (st.span().start() <= ctx.statement().span().start() || !st.section().runsForward()
          || TX_CONTROL.matcher(sql).matches()) {
        continue;
      }
      after.add(sql.endsWith(";") ? sql : sql + ";");
    }
    return ExpandContract.removeEnumValues(layout(ctx.file()), ctx.catalog(), ctx.serverVersion(), act.relation(),
        act.column(), act.type(), act.using(), removed, after);
  }

  static Optional<Plan> requiredColumn(RuleContext ctx, Operation.AddColumn ac) {
    return ExpandContract.addRequiredColumn(layout(ctx.file()), ctx.catalog(), ctx.serverVersion(), ac.relation(),
        ac.column());
  }

  static Optional<Plan> setNotNull(RuleContext ctx, Operation.SetNotNull snn) {
    return Optional.of(ExpandContract.setNotNull(layout(ctx.file()), ctx.serverVersion(), snn.relation(),
        snn.column()));
  }

  /** A batch loop for an UPDATE or DELETE, when its text is simple enough to rewrite. */
  static Optional<Plan> backfill(RuleContext ctx, Operation op) {
    if (op instanceof Operation.Delete d) {
      if (d.batched() || NOT_SIMPLE.matcher(DELETE_FROM.matcher(ctx.text(d.span())).replaceFirst("")).find()) {
        return Optional.empty();
      }
      return ExpandContract.batchedDelete(layout(ctx.file()), ctx.catalog(), d.relation(),
          d.where().map(w -> w.text()));
    }
    if (!(op instanceof Operation.Update u) || u.batched()) {
      return Optional.empty();
    }
    String text = ctx.text(u.span());
    Matcher m = SET.matcher(text);
    if (!m.find()) {
      return Optional.empty();
    }
    int end = text.length();
    if (u.where().isPresent()) {
      end = u.where().get().span().start() - u.span().start();
      if (end < m.end() || end > text.length()) {
        return Optional.empty();
      }
    }
    String set = text.substring(m.end(), end).strip();
    set = FINAL_SEMICOLON.matcher(TRAILING_WHERE.matcher(set).replaceFirst("")).replaceFirst("").strip();
    if (NOT_SIMPLE.matcher(set).find() || !text.stripLeading().regionMatches(true, 0, "UPDATE", 0, 6)) {
      return Optional.empty();
    }
    return ExpandContract.batchedUpdate(layout(ctx.file()), ctx.catalog(), u.relation(), set,
        u.where().map(w -> w.text()));
  }

  private static final Pattern TX_CONTROL = Pattern.compile("(?is)^(BEGIN|COMMIT|END|START\\s+TRANSACTION)\\b.*");

  /**
   * The transaction of the current (slow) statement split so that the ACCESS EXCLUSIVE lock on
   * {@code locked} taken earlier in it is held only for the quick changes. Earlier data changes
   * (UPDATE, DELETE, INSERT) get migrations of their own; the slow statement runs concurrently, or
   * NOT VALID then VALIDATE, where that applies.
   */
  static Optional<Plan> splitTransaction(RuleContext ctx, ObjectName locked) {
    java.util.Map<Integer, java.util.List<Operation>> earlier = new java.util.HashMap<>();
    for (dev.lockstep.core.rule.TransactionState.PriorOperation po : ctx.transaction().earlier()) {
      if (!po.file().equals(ctx.file().path())) {
        return Optional.of(ExpandContract.noPlan("the transaction spans several migration files (the tool runs"
            + " them in one transaction), so one file cannot be split; run the slow statement in a migration that"
            + " commits on its own"));
      }
      earlier.computeIfAbsent(po.statementIndex(), k -> new java.util.ArrayList<>()).add(po.operation());
    }
    Optional<TransactionWindow> window = transactionWindow(ctx);
    if (window.isEmpty()) {
      return Optional.empty();
    }
    int cur = window.get().current();
    java.util.List<String> quick = new java.util.ArrayList<>();
    java.util.List<ExpandContract.Part> parts = new java.util.ArrayList<>();
    java.util.List<String> before = new java.util.ArrayList<>();
    for (java.util.Map.Entry<Integer, String> e : window.get().statements().headMap(cur).entrySet()) {
      int i = e.getKey();
      String sql = e.getValue();
      java.util.List<Operation> ops = earlier.getOrDefault(i, java.util.List.of());
      boolean data = ops.stream().anyMatch(o -> (o instanceof Operation.Update || o instanceof Operation.Delete
          || o instanceof Operation.Insert) && !ctx.isNewTable(((Operation.OnTable) o).relation()));
      boolean scan = ops.stream().anyMatch(o -> mayScan(o) && !(o instanceof Operation.OnTable on
          && ctx.isNewTable(on.relation())));
      if (!data && !scan) {
        before.add(sql);
        continue;
      }
      if (parts.isEmpty()) {
        quick.addAll(before);
      } else if (!before.isEmpty()) {
        parts.add(new ExpandContract.Part("Make the next quick changes, with lock_timeout", "quick_changes",
            java.util.List.copyOf(before), true, true, "brief locks, committed before the next slow statement"));
      }
      before.clear();
      parts.add(data ? new ExpandContract.Part("Change the data in a transaction of its own", "data_change",
          java.util.List.of(sql), true, false, "no ACCESS EXCLUSIVE lock is held while it runs; its own finding says"
              + " how to batch it")
          : new ExpandContract.Part("Run the scanning statement in a transaction of its own", "scanning_statement",
              java.util.List.of(sql), true, true, "it no longer runs while the earlier ACCESS EXCLUSIVE lock is held;"
                  + " its own finding says how to avoid the scan"));
    }
    if (parts.isEmpty()) {
      quick.addAll(before);
    } else if (!before.isEmpty()) {
      parts.add(new ExpandContract.Part("Make the next quick changes, with lock_timeout", "quick_changes",
          java.util.List.copyOf(before), true, true, "brief locks, committed before the slow statement"));
    }
    parts.addAll(slowParts(ctx));
    java.util.List<String> rest = new java.util.ArrayList<>(window.get().statements().tailMap(cur, false).values());
    return Optional.of(ExpandContract.splitTransaction(layout(ctx.file()), locked, quick, parts, rest));
  }

  /** Operations that may read the whole table (or rewrite it) depending on the table's contents. */
  private static boolean mayScan(Operation o) {
    return o instanceof Operation.SetNotNull || o instanceof Operation.AlterColumnType
        || o instanceof Operation.ValidateConstraint
        || o instanceof Operation.CreateIndex ci && !ci.concurrently()
        || o instanceof Operation.AddConstraint ac && !ac.constraint().notValid()
            && ac.constraint().kind() != dev.lockstep.core.ir.ConstraintKind.NOT_NULL;
  }

  /**
   * The current statement's transaction in the current file: the index of the current statement,
   * and the transaction's statements by index in the file, as they would run on their own — from
   * the first statement of the transaction, through the current one, up to its end (its COMMIT or
   * the end of the file).
   */
  private record TransactionWindow(int current, java.util.TreeMap<Integer, String> statements) {}

  private static Optional<TransactionWindow> transactionWindow(RuleContext ctx) {
    String text = ctx.file().text();
    java.util.List<dev.lockstep.core.source.SqlStatement> all = ctx.file().statements();
    int cur = -1;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).span().start() == ctx.statement().span().start()) {
        cur = i;
      }
    }
    if (cur < 0) {
      return Optional.empty();
    }
    int start = 0;
    for (int i = cur - 1; i >= 0; i--) {
      if (all.get(i).section().runsForward() && TX_CONTROL.matcher(all.get(i).span().of(text).strip()).matches()) {
        start = i + 1;
        break;
      }
    }
    java.util.TreeMap<Integer, String> out = new java.util.TreeMap<>();
    for (int i = start; i < all.size(); i++) {
      String sql = all.get(i).span().of(text).strip();
      if (i > cur && all.get(i).section().runsForward() && TX_CONTROL.matcher(sql).matches()) {
        break;
      }
      String st = statementText(all.get(i), text);
      if (st != null) {
        out.put(i, st);
      }
    }
    return Optional.of(new TransactionWindow(cur, out));
  }

  /**
   * The current file's statements of the current transaction, by statement index in the file (the
   * transaction's statements before the current one and after it up to its end); empty when the
   * transaction takes in statements of other files.
   */
  static Optional<java.util.TreeMap<Integer, String>> transactionStatements(RuleContext ctx) {
    for (dev.lockstep.core.rule.TransactionState.PriorOperation po : ctx.transaction().earlier()) {
      if (!po.file().equals(ctx.file().path())) {
        return Optional.empty();
      }
    }
    return transactionWindow(ctx).map(TransactionWindow::statements);
  }

  /** The transaction split right after the statement (index {@code at}) that added an enum value. */
  static Optional<Plan> commitEnumValueFirst(RuleContext ctx, ObjectName type, String value, int at) {
    Optional<java.util.TreeMap<Integer, String>> statements = transactionStatements(ctx);
    if (statements.isEmpty() || !statements.get().containsKey(at)) {
      return Optional.of(ExpandContract.noPlan("the transaction takes in statements of other migration files (the"
          + " tool runs them in one transaction), so one file cannot be split; add the value in a migration that"
          + " commits before the one that uses it"));
    }
    return Optional.of(ExpandContract.commitEnumValueFirst(layout(ctx.file()), type, value,
        java.util.List.copyOf(statements.get().headMap(at, true).values()),
        java.util.List.copyOf(statements.get().tailMap(at, false).values())));
  }

  /** A forward statement's text ending in {@code ;}, or null for transaction control and other sections. */
  private static String statementText(dev.lockstep.core.source.SqlStatement st, String text) {
    String sql = st.span().of(text).strip();
    if (!st.section().runsForward() || sql.isEmpty() || TX_CONTROL.matcher(sql).matches()) {
      return null;
    }
    return sql.endsWith(";") ? sql : sql + ";";
  }

  /** The slow statement in migrations of its own: concurrently, or NOT VALID then VALIDATE, where that applies. */
  private static java.util.List<ExpandContract.Part> slowParts(RuleContext ctx) {
    Operation op = ctx.operation();
    String sql = ctx.text(ctx.statement().span()).strip();
    sql = sql.endsWith(";") ? sql : sql + ";";
    boolean single = ctx.statementOperations().size() == 1;
    if (single && op instanceof Operation.CreateIndex ci && !ci.concurrently()
        && !ctx.catalog().table(ci.relation()).map(t -> t.partitioned()).orElse(false)) {
      Optional<dev.lockstep.core.source.Token> t = Describe.keyword(ctx, ci.span(), "INDEX");
      if (t.isPresent()) {
        return java.util.List.of(new ExpandContract.Part("Build the index concurrently, outside a transaction",
            ci.name().orElse(ci.relation().name() + "_index") + "_concurrently",
            java.util.List.of(Describe.statementWith(ctx, t.get().end(), " CONCURRENTLY")), false, false,
            "reads and writes continue while the index is built; if it fails, drop the INVALID index and retry"));
      }
    }
    if (single && op instanceof Operation.AddConstraint ac && !ac.constraint().notValid() && ac.constraint().name().isPresent()
        && (ac.constraint().kind() == dev.lockstep.core.ir.ConstraintKind.FOREIGN_KEY
            && ExpandContract.noNotValidForeignKey(ctx.catalog(), ac.relation(), ctx.serverVersion()).isEmpty()
            || ac.constraint().kind() == dev.lockstep.core.ir.ConstraintKind.CHECK)) {
      String name = ac.constraint().name().get();
      return java.util.List.of(
          new ExpandContract.Part("Add the constraint without checking existing rows", "add_" + name + "_not_valid",
              java.util.List.of(Describe.statementWith(ctx, Describe.trimmedEnd(ctx, ac.span()), " NOT VALID")), true,
              true, "brief lock, guarded by lock_timeout; new and updated rows are checked from now on"),
          new ExpandContract.Part("Validate existing rows", "validate_" + name, java.util.List.of("ALTER TABLE "
              + ac.relation().sql() + " VALIDATE CONSTRAINT " + quote(name) + ";"), true, false,
              "scans under SHARE UPDATE EXCLUSIVE: reads and writes continue"));
    }
    return java.util.List.of(new ExpandContract.Part("Run the slow statement in a transaction of its own",
        "slow_statement", java.util.List.of(sql), true, true, "it no longer extends an ACCESS EXCLUSIVE lock taken"
            + " earlier; its own finding says how to make it cheaper"));
  }

  /** The text of {@code span} in the current file. */
  static String text(RuleContext ctx, Span span) {
    return ctx.text(span);
  }

  static String quote(String ident) {
    return ObjectName.quote(ident);
  }
}
