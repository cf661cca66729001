package dev.lockstep.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.effects.Effects;
import dev.lockstep.core.effects.LockMode;
import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.effects.RelationKind;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.project.Direction;
import dev.lockstep.core.project.ExecutionModel;
import dev.lockstep.core.project.MigrationFile;
import dev.lockstep.core.project.MigrationTool;
import dev.lockstep.core.rule.Finding;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.RuleRegistry;
import dev.lockstep.core.rule.Severity;
import dev.lockstep.core.rule.TransactionState;
import dev.lockstep.core.source.Dialect;
import dev.lockstep.core.source.Token;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The engine with a tiny word-based recognizer: {@code begin}, {@code commit}, {@code lock t}
 * (ACCESS EXCLUSIVE on t), {@code create t}, {@code set lock_timeout}, anything else a query.
 */
class LintEngineTest {

  static List<Operation> recognize(dev.lockstep.core.source.SqlStatement s, String text, Dialect d) {
    List<Token> body = s.body();
    String first = body.get(0).text().toLowerCase();
    var span = s.span();
    switch (first) {
      case "begin":
        return List.of(new Operation.Begin(span));
      case "commit":
        return List.of(new Operation.Commit(span));
      case "set":
        return List.of(new Operation.SetSetting(span, body.get(1).text(), "1s", false, false));
      case "create":
        return List.of(new Operation.CreateTable(span, ObjectName.of(body.get(1).text()), List.of(), List.of(), false,
            Optional.empty(), false, false, false, false));
      case "lock":
        return List.of(new Operation.LockTable(span, List.of(ObjectName.of(body.get(1).text())),
            LockMode.ACCESS_EXCLUSIVE, false));
      default:
        return List.of(new Operation.Query(span, List.of()));
    }
  }

  static Effects effects(Operation op, dev.lockstep.core.catalog.Catalog c, int v) {
    if (op instanceof Operation.LockTable l) {
      return new Effects(List.of(new RelationEffect(l.tables().get(0).resolve("public"), RelationKind.TABLE,
          l.mode(), false, false)), true, Optional.empty(), List.of(), true);
    }
    return Effects.NONE;
  }

  /** Records what the engine told it, reports on every lock of an existing table. */
  @RuleInfo(id = "probe", summary = "Test probe", severity = Severity.WARNING)
  static final class Probe implements Rule {
    final List<String> seen = new ArrayList<>();

    @Override
    public void check(RuleContext ctx) {
      TransactionState tx = ctx.transaction();
      seen.add(ctx.operation().kind() + ":" + tx.kind() + ":" + tx.lockTimeout().orElse("-") + ":"
          + tx.heldLocks().size());
      if (ctx.operation() instanceof Operation.LockTable l && !ctx.isNewTable(l.tables().get(0))) {
        ctx.report(l.span(), "locks " + l.tables().get(0)).help("don't");
      }
    }
  }

  private final LintEngine engine = new LintEngine(LintEngineTest::recognize, LintEngineTest::effects);

  private static MigrationFile file(String name, ExecutionModel model) {
    return new MigrationFile(Path.of("/tmp/" + name), name, MigrationTool.PLAIN, model, name, name, Direction.UP,
        Dialect.POSTGRESQL);
  }

  private List<FileResult> run(Probe probe, ExecutionModel model, String... texts) {
    List<PreparedFile> files = new ArrayList<>();
    List<Boolean> flags = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      files.add(engine.prepare(file("m" + i + ".sql", model), texts[i]));
      flags.add(true);
    }
    RuleRegistry reg = RuleRegistry.of(List.of(probe));
    return engine.replay(files, flags, ActiveRules.defaults(reg), 16);
  }

  @Test
  void implicitTransactionCoversMultiStatementFilesUntilCommit() {
    Probe p = new Probe();
    List<FileResult> r = run(p, ExecutionModel.IMPLICIT_TRANSACTION, "lock a; lock b; commit; select 1; select 2;");
    List<StatementResult> st = r.get(0).statements();
    assertEquals(TransactionState.Kind.IMPLICIT, st.get(0).transaction());
    assertEquals(TransactionState.Kind.IMPLICIT, st.get(2).transaction());
    assertEquals(TransactionState.Kind.IMPLICIT, st.get(3).transaction());
    assertEquals(List.of("lock-table:IMPLICIT:-:0", "lock-table:IMPLICIT:-:1", "commit:IMPLICIT:-:2",
        "select:IMPLICIT:-:0", "select:IMPLICIT:-:0"), p.seen);
  }

  @Test
  void singleStatementImplicitFileRunsOutsideATransaction() {
    Probe p = new Probe();
    List<FileResult> r = run(p, ExecutionModel.IMPLICIT_TRANSACTION, "-- one\nlock a;");
    assertFalse(r.get(0).statements().get(0).inTransaction());
  }

  @Test
  void autocommitFileOpensExplicitTransactionOnBegin() {
    Probe p = new Probe();
    List<FileResult> r = run(p, ExecutionModel.AUTOCOMMIT, "lock a; begin; set lock_timeout; lock b; commit; lock c;");
    List<StatementResult> st = r.get(0).statements();
    assertFalse(st.get(0).inTransaction());
    assertEquals(TransactionState.Kind.EXPLICIT, st.get(1).transaction());
    assertEquals(TransactionState.Kind.EXPLICIT, st.get(4).transaction());
    assertFalse(st.get(5).inTransaction());
    assertEquals("lock-table:EXPLICIT:1s:0", p.seen.get(3));
    // a session-level SET outlives the transaction
    assertEquals("lock-table:NONE:1s:0", p.seen.get(5));
  }

  @Test
  void toolTransactionEndsAtCommitInTheFile() {
    Probe p = new Probe();
    List<FileResult> r = run(p, ExecutionModel.TRANSACTION_PER_FILE, "lock a; commit; lock b;");
    List<StatementResult> st = r.get(0).statements();
    assertEquals(TransactionState.Kind.TOOL, st.get(0).transaction());
    assertFalse(st.get(2).inTransaction());
  }

  @Test
  void tablesCreatedInTheSameFileAreNewButNotInLaterFiles() {
    Probe p = new Probe();
    List<FileResult> r = run(p, ExecutionModel.TRANSACTION_PER_FILE, "create t; lock t;", "lock t;");
    assertEquals(0, r.get(0).findings().size());
    assertEquals(1, r.get(1).findings().size());
    Finding f = r.get(1).findings().get(0);
    assertEquals("probe", f.ruleId());
    assertEquals(Severity.WARNING, f.severity());
    assertEquals("locks t", f.message());
    assertEquals("don't", f.help());
    assertEquals("lock t;", f.span().of("lock t;"));
  }

  @Test
  void suppressionsApplyToTheNextStatementAndUnusedOnesAreReported() {
    Probe p = new Probe();
    String text = "-- lockstep:ignore probe -- reviewed\nlock a;\nlock b;\n-- lockstep:ignore probe -- stale\nselect 1;\n"
        + "-- lockstep:ignore no-such-rule\nselect 2;\n";
    List<Finding> f = run(p, ExecutionModel.AUTOCOMMIT, text).get(0).findings();
    assertEquals(List.of("probe", RuleRegistry.UNUSED_SUPPRESSION, RuleRegistry.UNKNOWN_RULE_IN_SUPPRESSION),
        f.stream().map(Finding::ruleId).toList());
    assertTrue(f.get(0).message().contains("locks b"));
  }

  @Test
  void aDirectiveOnTheSameLineAfterAStatementAppliesToThatStatement() {
    Probe p = new Probe();
    String text = "lock a; -- lockstep:ignore probe -- reviewed\nlock b;\n";
    List<Finding> f = run(p, ExecutionModel.AUTOCOMMIT, text).get(0).findings();
    assertEquals(1, f.size());
    assertTrue(f.get(0).message().contains("locks b"));
  }

  /** Reports only the first lock of each transaction. */
  @RuleInfo(id = "once", summary = "Test probe", severity = Severity.INFO)
  static final class Once implements Rule {
    @Override
    public void check(RuleContext ctx) {
      if (ctx.operation() instanceof Operation.LockTable l && !ctx.alreadyReported(true)) {
        ctx.report(l.span(), "first lock in transaction");
      }
    }
  }

  @Test
  void rulesCanReportOncePerTransactionWithoutState() {
    Once once = new Once();
    List<PreparedFile> files = List.of(
        engine.prepare(file("a.sql", ExecutionModel.AUTOCOMMIT), "begin; lock a; lock b; commit; begin; lock c; commit;"));
    RuleRegistry reg = RuleRegistry.of(List.of(once));
    for (int run = 0; run < 2; run++) {
      List<Finding> f = engine.replay(files, List.of(true), ActiveRules.defaults(reg), 16).get(0).findings();
      assertEquals(List.of("lock a;", "lock c;"), f.stream().map(x -> x.span().of(files.get(0).text())).toList());
    }
  }

  @Test
  void fileWideSuppression() {
    Probe p = new Probe();
    String text = "lock a;\n-- lockstep:ignore-file probe -- legacy file\nlock b;\n";
    assertEquals(List.of(), run(p, ExecutionModel.AUTOCOMMIT, text).get(0).findings());
  }

  @Test
  void downSectionsAreListedButNotLinted() {
    Probe p = new Probe();
    String text = "-- +goose Up\nlock a;\n-- +goose Down\nlock b;\n";
    FileResult r = run(p, ExecutionModel.TRANSACTION_PER_FILE, text).get(0);
    assertEquals(2, r.statements().size());
    assertEquals(1, r.findings().size());
    assertEquals(1, p.seen.size());
  }
}
