package dev.lockstep.rules;

import dev.lockstep.core.catalog.Catalog;
import dev.lockstep.core.effects.Effects;
import dev.lockstep.core.effects.LockMode;
import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.effects.RelationKind;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.ir.TypeRef;
import dev.lockstep.core.project.ExecutionModel;
import dev.lockstep.core.project.MigrationTool;
import dev.lockstep.core.rule.FileInfo;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.TextEdit;
import dev.lockstep.core.rule.TransactionState;
import dev.lockstep.core.source.Lexer;
import dev.lockstep.core.source.Span;
import dev.lockstep.core.source.Token;
import dev.lockstep.core.source.TokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Shared wording and small helpers for the rules: how locks, relations and fixes are described. */
final class Describe {
  private Describe() {}

  /**
   * A relation as messages show it: {@code "Order"}, or {@code "sales"."Order"} outside {@code
   * public}; a template placeholder as the schema unquoted ({@code {{ .Schema }}."users"}).
   */
  static String rel(ObjectName name) {
    String n = '"' + name.name() + '"';
    if (!name.qualified() || name.schema().equals(Catalog.DEFAULT_SCHEMA)) {
      return n;
    }
    return (ObjectName.isTemplate(name.schema()) ? name.schema() : '"' + name.schema() + '"') + "." + n;
  }

  /** A type as SQL users write it: {@code integer}, {@code varchar(255)}, {@code bigint[]}. */
  static String type(TypeRef t) {
    String base = switch (t.name()) {
      case "int2" -> "smallint";
      case "int4" -> "integer";
      case "int8" -> "bigint";
      case "float4" -> "real";
      case "float8" -> "double precision";
      case "bool" -> "boolean";
      case "bpchar" -> "char";
      default -> t.schema().isEmpty() ? t.name() : t.schema() + "." + t.name();
    };
    StringBuilder sb = new StringBuilder(base);
    if (!t.modifiers().isEmpty()) {
      sb.append('(');
      for (int i = 0; i < t.modifiers().size(); i++) {
        sb.append(i > 0 ? "," : "").append(t.modifiers().get(i));
      }
      sb.append(')');
    }
    sb.append("[]".repeat(t.arrayDims()));
    return sb.toString();
  }

  /** A column of a relation: {@code "Order"."total"}. */
  static String col(ObjectName table, String column) {
    return rel(table) + ".\"" + column + '"';
  }

  /** {@code an ACCESS EXCLUSIVE lock}. */
  static String lock(LockMode mode) {
    String sql = mode.sql();
    boolean vowel = sql.startsWith("A") || sql.startsWith("E");
    return (vowel ? "an " : "a ") + sql + " lock";
  }

  /** What ordinary traffic a lock blocks, e.g. {@code blocks reads and writes}. */
  static String blocks(LockMode mode) {
    Set<LockMode.Blocked> b = mode.blocks();
    if (b.contains(LockMode.Blocked.READS)) {
      return "blocks reads and writes";
    }
    if (b.contains(LockMode.Blocked.WRITES)) {
      return "blocks writes (INSERT/UPDATE/DELETE)";
    }
    if (b.contains(LockMode.Blocked.DDL)) {
      return "blocks only other schema changes and VACUUM";
    }
    return "blocks no ordinary traffic";
  }

  /** Like {@link #blocks} without the parenthesised statement list, for use inside parentheses. */
  static String blocksBrief(LockMode mode) {
    return blocks(mode).replace(" (INSERT/UPDATE/DELETE)", "");
  }

  /** {@code an ACCESS EXCLUSIVE lock on "Order" (blocks reads and writes)}. */
  static String lockOn(RelationEffect r) {
    return lock(r.lock()) + " on " + rel(r.relation()) + " (" + blocksBrief(r.lock()) + ")";
  }

  static boolean blocksWrites(LockMode mode) {
    return mode.blocks().contains(LockMode.Blocked.WRITES);
  }

  static boolean blocksReads(LockMode mode) {
    return mode.blocks().contains(LockMode.Blocked.READS);
  }

  /** The effect on {@code table}, looked up by its schema-qualified name. */
  static Optional<RelationEffect> on(Effects effects, ObjectName table) {
    ObjectName resolved = Catalog.resolve(table);
    Optional<RelationEffect> direct = effects.on(resolved);
    if (direct.isPresent()) {
      return direct;
    }
    for (RelationEffect r : effects.relations()) {
      if (Catalog.resolve(r.relation()).equals(resolved)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** Tables (and materialized views) in {@code effects} that existed before this file or transaction. */
  static List<RelationEffect> existingTables(RuleContext ctx, Effects effects) {
    List<RelationEffect> out = new ArrayList<>();
    List<RelationEffect> relations = effects.relations();
    for (int i = 0; i < relations.size(); i++) {
      RelationEffect r = relations.get(i);
      if (isExistingTableEffect(ctx, r)) {
        out.add(r);
      }
    }
    return out;
  }

  /** Whether {@code r} is on a table (or materialized view) that existed before this file or transaction. */
  static boolean isExistingTableEffect(RuleContext ctx, RelationEffect r) {
    return (r.kind() == RelationKind.TABLE || r.kind() == RelationKind.MATERIALIZED_VIEW)
        && isExistingTable(ctx, r.relation());
  }

  /**
   * Whether {@code relation} is a table (or view) that application traffic may already use: not
   * created by this operation, this file or this transaction, and not an index.
   */
  static boolean isExistingTable(RuleContext ctx, ObjectName relation) {
    ObjectName resolved = Catalog.resolve(relation);
    if (ctx.isNewTable(relation) || ctx.catalog().index(relation).isPresent()) {
      return false;
    }
    if (ctx.catalog().view(relation).filter(v -> v.origin().file().equals(ctx.file().path())).isPresent()) {
      return false;
    }
    Operation op = ctx.operation();
    if (op instanceof Operation.CreateTable ct && Catalog.resolve(ct.relation()).equals(resolved)) {
      return false;
    }
    if (op instanceof Operation.CreateView cv && Catalog.resolve(cv.view()).equals(resolved)) {
      return false;
    }
    if (op instanceof Operation.CreateIndex ci && ci.name().isPresent()
        && Catalog.resolve(ObjectName.of(ci.relation().schema(), ci.name().get())).equals(resolved)) {
      return false;
    }
    return true;
  }

  /** The strongest existing-table effect whose lock blocks writes, if any. */
  static Optional<RelationEffect> strongestBlocking(RuleContext ctx, Effects effects) {
    return existingTables(ctx, effects).stream().filter(r -> blocksWrites(r.lock()))
        .max((a, b) -> Integer.compare(a.lock().ordinal(), b.lock().ordinal()));
  }

  /** {@code ADD COLUMN IF NOT EXISTS} of a column the table already has: nothing happens. */
  static boolean addsNothing(RuleContext ctx, Operation.AddColumn ac) {
    return ac.ifNotExists()
        && ctx.catalog().table(ac.relation()).flatMap(t -> t.column(ac.column().name())).isPresent();
  }

  /** Whether this operation is the first of its statement for which {@code test} holds. */
  static boolean firstInStatement(RuleContext ctx, java.util.function.Predicate<Operation> test) {
    for (Operation o : ctx.statementOperations()) {
      if (test.test(o)) {
        return o == ctx.operation();
      }
    }
    return false;
  }

  /** The SQL command an operation stands for, as PostgreSQL names it in its error messages. */
  static String command(Operation op) {
    if (op instanceof Operation.CreateIndex ci) {
      return ci.concurrently() ? "CREATE INDEX CONCURRENTLY" : "CREATE INDEX";
    }
    if (op instanceof Operation.DropIndex di) {
      return di.concurrently() ? "DROP INDEX CONCURRENTLY" : "DROP INDEX";
    }
    if (op instanceof Operation.Reindex r) {
      if (r.concurrently()) {
        return "REINDEX CONCURRENTLY";
      }
      return r.target() == Operation.ReindexTarget.INDEX || r.target() == Operation.ReindexTarget.TABLE
          ? "REINDEX" : "REINDEX " + r.target().name();
    }
    if (op instanceof Operation.Vacuum v) {
      return v.full() ? "VACUUM FULL" : "VACUUM";
    }
    if (op instanceof Operation.DetachPartition d) {
      return d.concurrently() ? "ALTER TABLE ... DETACH CONCURRENTLY" : "ALTER TABLE ... DETACH PARTITION";
    }
    if (op instanceof Operation.AddEnumValue) {
      return "ALTER TYPE ... ADD VALUE";
    }
    if (op instanceof Operation.RefreshMaterializedView r) {
      return r.concurrently() ? "REFRESH MATERIALIZED VIEW CONCURRENTLY" : "REFRESH MATERIALIZED VIEW";
    }
    if (op instanceof Operation.Cluster) {
      return "CLUSTER";
    }
    if (op instanceof Operation.Truncate) {
      return "TRUNCATE";
    }
    if (op instanceof Operation.AddColumn) {
      return "ADD COLUMN";
    }
    if (op instanceof Operation.AddConstraint ac) {
      return "ADD " + ac.constraint().kind().sql();
    }
    if (op instanceof Operation.AlterColumnType) {
      return "ALTER COLUMN ... TYPE";
    }
    if (op instanceof Operation.SetNotNull) {
      return "SET NOT NULL";
    }
    if (op instanceof Operation.ValidateConstraint) {
      return "VALIDATE CONSTRAINT";
    }
    if (op instanceof Operation.Update) {
      return "UPDATE";
    }
    if (op instanceof Operation.Delete) {
      return "DELETE";
    }
    if (op instanceof Operation.Other o) {
      return o.command().toUpperCase(Locale.ROOT).replace('-', ' ');
    }
    return op.kind().toUpperCase(Locale.ROOT).replace('-', ' ');
  }

  /** A short description of the statement that started at {@code statementIndex}, for cross-references. */
  static String statementRef(RuleContext ctx, TransactionState.HeldLock held) {
    for (TransactionState.PriorOperation p : ctx.transaction().earlier()) {
      if (p.statementIndex() == held.statementIndex() && p.file().equals(ctx.file().path())) {
        return command(p.operation()) + " (statement " + (held.statementIndex() + 1) + ")";
      }
    }
    return "statement " + (held.statementIndex() + 1);
  }

  // ---------------------------------------------------------------- transactions and tools

  static boolean isImplicit(RuleContext ctx) {
    return ctx.transaction().kind() == TransactionState.Kind.IMPLICIT;
  }

  /** How the transaction this statement runs in came about, in words. */
  static String transactionPhrase(RuleContext ctx) {
    FileInfo f = ctx.file();
    return switch (ctx.transaction().kind()) {
      case IMPLICIT -> toolName(f.tool()) + " sends the whole file as one query, which PostgreSQL runs as one"
          + " implicit transaction";
      case TOOL -> toolName(f.tool()) + " runs this file inside a transaction";
      case EXPLICIT -> "the file opens a transaction with BEGIN";
      case NONE -> "the statement runs on its own";
    };
  }

  static String toolName(MigrationTool tool) {
    return switch (tool) {
      case PRISMA -> "Prisma";
      case FLYWAY -> "Flyway";
      case GOLANG_MIGRATE -> "golang-migrate";
      case GOOSE -> "goose";
      case DBMATE -> "dbmate";
      case DRIZZLE -> "Drizzle's migrator";
      case DIESEL -> "diesel";
      case SQLX -> "sqlx";
      case SUPABASE -> "The Supabase CLI";
      case POPX -> "popx";
      case PLAIN -> "The migration runner";
    };
  }

  /** How to make a statement run outside a transaction with this file's tool. */
  static String runOutsideTransaction(FileInfo f) {
    return switch (f.tool()) {
      case PRISMA -> "move it into a migration file of its own that contains only this statement (Prisma runs a"
          + " single-statement file without a transaction block)";
      case GOLANG_MIGRATE -> "move it into a migration file of its own that contains only this statement";
      case FLYWAY -> "move it into a migration of its own: Flyway runs a migration without a transaction when all"
          + " its statements must run outside one";
      case GOOSE -> "move it into a migration file of its own marked '-- +goose NO TRANSACTION'";
      case DBMATE -> "move it into a migration file of its own with '-- migrate:up transaction:false'";
      case SQLX -> "move it into a migration file of its own whose first line is '-- no-transaction'";
      case DIESEL -> "move it into a migration of its own with run_in_transaction = false in its metadata.toml";
      case DRIZZLE -> "run it outside Drizzle's migrator (its migrate() wraps all pending files in one"
          + " transaction), e.g. in a separate deploy step";
      case POPX -> "move it into a migration file of its own with '.autocommit' in its name";
      case SUPABASE, PLAIN -> f.executionModel() == ExecutionModel.AUTOCOMMIT
          ? "remove the surrounding BEGIN/COMMIT"
          : "move it into a migration file of its own that runs without a transaction";
    };
  }

  /**
   * Whether {@code CONCURRENTLY} can simply be added: the statement would then run outside any
   * transaction. True outside a transaction, and for Flyway when the statement is alone in its file
   * and Flyway recognizes its concurrent form (it then runs the file without a transaction).
   */
  static boolean canRunOutsideTransactionAsIs(RuleContext ctx) {
    TransactionState tx = ctx.transaction();
    if (!tx.inTransaction()) {
      return true;
    }
    return tx.kind() == TransactionState.Kind.TOOL && ctx.file().tool().toolDetectsNonTransactional()
        && ctx.file().forwardStatements() == 1 && toolRecognizesNonTransactional(ctx.operation());
  }

  /**
   * The statements Flyway's PostgreSQL support recognizes as non-transactional (in their concurrent
   * form), running their migration without a transaction. Others, such as {@code DETACH PARTITION
   * ... CONCURRENTLY}, still run in Flyway's transaction and fail.
   */
  static boolean toolRecognizesNonTransactional(Operation op) {
    return op instanceof Operation.CreateIndex || op instanceof Operation.DropIndex || op instanceof Operation.Reindex
        || op instanceof Operation.Vacuum;
  }

  // ---------------------------------------------------------------- text edits

  /** The first unquoted word {@code keyword} among the statement's tokens inside {@code within}. */
  static Optional<Token> keyword(RuleContext ctx, Span within, String keyword) {
    for (Token t : ctx.statement().tokens()) {
      if (t.start() >= within.start() && t.end() <= within.end() && t.is(keyword)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  static TextEdit insertAfter(Token t, String text) {
    return new TextEdit(new Span(t.end(), t.end()), text);
  }

  /** The end of {@code span} with trailing whitespace, commas and semicolons left out. */
  static int trimmedEnd(RuleContext ctx, Span span) {
    String text = ctx.file().text();
    int end = span.end();
    while (end > span.start()) {
      char c = text.charAt(end - 1);
      if (Character.isWhitespace(c) || c == ';' || c == ',') {
        end--;
      } else {
        break;
      }
    }
    return end;
  }

  /** Where to put a statement inserted before the current one: before its leading comments. */
  static int statementInsertionPoint(RuleContext ctx) {
    List<Token> comments = ctx.statement().leadingComments();
    int start = ctx.statement().span().start();
    for (Token c : comments) {
      String t = c.text().trim().toLowerCase(Locale.ROOT);
      boolean marker = t.startsWith("-- +goose") || t.startsWith("-- migrate:") || t.startsWith("-->");
      if (c.start() < start && !marker) {
        start = c.start();
        break;
      }
    }
    // Start of the line, when only whitespace precedes the insertion point on it.
    String text = ctx.file().text();
    int lineStart = start;
    while (lineStart > 0 && (text.charAt(lineStart - 1) == ' ' || text.charAt(lineStart - 1) == '\t')) {
      lineStart--;
    }
    if (lineStart == 0 || text.charAt(lineStart - 1) == '\n') {
      return lineStart;
    }
    return start;
  }

  /**
   * The current statement's SQL (terminated with {@code ;}) with {@code insert} placed at file offset
   * {@code at}, which must lie inside the statement.
   */
  static String statementWith(RuleContext ctx, int at, String insert) {
    Span s = ctx.statement().span();
    String text = ctx.text(s);
    int rel = Math.max(0, Math.min(text.length(), at - s.start()));
    String out = text.substring(0, rel) + insert + text.substring(rel);
    out = out.stripTrailing();
    return out.endsWith(";") ? out : out + ";";
  }

  /**
   * The current statement's SQL without the clause at {@code clause} (which must lie inside it),
   * the spaces around the gap tidied, terminated with {@code ;}.
   */
  static String statementWithout(RuleContext ctx, Span clause) {
    Span s = ctx.statement().span();
    String text = ctx.text(s);
    String before = text.substring(0, clause.start() - s.start()).stripTrailing();
    String after = text.substring(clause.end() - s.start()).strip();
    String joined = (after.isEmpty() || after.startsWith(",") || after.startsWith(")") ? before + after
        : before + " " + after).strip();
    if (joined.endsWith(";")) {
      joined = joined.substring(0, joined.length() - 1).stripTrailing();
    }
    return joined + ";";
  }

  /** Whether {@code text} holds nothing but comments and whitespace. */
  static boolean onlyComments(String text, FileInfo f) {
    for (Token t : Lexer.lex(text, f.dialect())) {
      if (!t.kind().isComment()) {
        return false;
      }
    }
    return true;
  }

  /** The value of a string-literal token ({@code 'it''s'} gives {@code it's}); empty for other tokens. */
  static Optional<String> stringValue(Token t) {
    if (t.kind() != TokenKind.STRING) {
      return Optional.empty();
    }
    String s = t.text();
    if (s.length() < 2 || s.charAt(0) != '\'' || s.charAt(s.length() - 1) != '\'') {
      return Optional.empty();
    }
    return Optional.of(s.substring(1, s.length() - 1).replace("''", "'"));
  }
}
