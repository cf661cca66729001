package dev.lockstep.core.engine;

import dev.lockstep.core.catalog.Catalog;
import dev.lockstep.core.catalog.Origin;
import dev.lockstep.core.catalog.Table;
import dev.lockstep.core.effects.Effects;
import dev.lockstep.core.effects.EffectsModel;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.project.ExecutionDirectives;
import dev.lockstep.core.project.ExecutionModel;
import dev.lockstep.core.project.MigrationFile;
import dev.lockstep.core.rule.FileInfo;
import dev.lockstep.core.rule.Finding;
import dev.lockstep.core.rule.Fix;
import dev.lockstep.core.rule.Plan;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleMeta;
import dev.lockstep.core.rule.Severity;
import dev.lockstep.core.rule.TransactionState;
import dev.lockstep.core.source.Dialect;
import dev.lockstep.core.source.Span;
import dev.lockstep.core.source.SplitResult;
import dev.lockstep.core.source.Splitter;
import dev.lockstep.core.source.SqlStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The pipeline after discovery: split and recognize files ({@link #prepare}), then replay one
 * history in order, predicting effects and running the rules on the target files ({@link #replay}).
 * Stateless and thread-safe; one instance serves every run.
 */
public final class LintEngine {
  private final StatementRecognizer recognizer;
  private final EffectsModel effectsModel;

  public LintEngine(StatementRecognizer recognizer, EffectsModel effectsModel) {
    this.recognizer = recognizer;
    this.effectsModel = effectsModel;
  }

  /** Splits and recognizes one file. Never throws for bad SQL. */
  public PreparedFile prepare(MigrationFile file, String text) {
    return prepare(file, parse(text, file.dialect()));
  }

  /**
   * What preparing depends on the text and dialect alone for: the statements and their
   * operations. Lets a caller parse a file before discovery has said which migration it is.
   */
  public record Parsed(String text, Dialect dialect, SplitResult split, List<List<Operation>> operations) {}

  /** Splits and recognizes {@code text}. Never throws for bad SQL. */
  public Parsed parse(String text, Dialect dialect) {
    SplitResult split = Splitter.split(text, dialect);
    List<List<Operation>> ops = new ArrayList<>(split.statements().size());
    for (SqlStatement s : split.statements()) {
      ops.add(recognizer.recognize(s, text, dialect));
    }
    return new Parsed(text, dialect, split, ops);
  }

  /** Prepares {@code file} from its text parsed in the file's dialect. */
  public PreparedFile prepare(MigrationFile file, Parsed parsed) {
    if (parsed.dialect() != file.dialect()) {
      throw new IllegalArgumentException("parsed as " + parsed.dialect() + ", the file is " + file.dialect());
    }
    SplitResult split = parsed.split();
    ExecutionModel model = ExecutionDirectives.effectiveModel(file, split.comments());
    return new PreparedFile(file, parsed.text(), split, parsed.operations(), model,
        Suppression.parse(split.comments()));
  }

  /**
   * Replays {@code history} in order. Files marked as targets are linted; the others only build
   * up the catalog.
   *
   * @param history the prepared files of one migration history, in execution order
   * @param isTarget which of them to lint (same size as history)
   */
  public List<FileResult> replay(List<PreparedFile> history, List<Boolean> isTarget, ActiveRules rules,
      int serverVersion) {
    Catalog catalog = new Catalog();
    List<FileResult> out = new ArrayList<>();
    long txIds = 0;
    for (int f = 0; f < history.size(); f++) {
      PreparedFile pf = history.get(f);
      boolean target = isTarget.get(f);
      FileRun run = new FileRun(pf, f, catalog, rules, serverVersion, target, txIds);
      FileResult result = run.execute();
      txIds = run.tracker.nextTransactionId();
      if (target) {
        out.add(result);
      }
    }
    return out;
  }

  /** The state of replaying one file. */
  private final class FileRun {
    final PreparedFile pf;
    final int fileIndex;
    final Catalog catalog;
    final ActiveRules rules;
    final int serverVersion;
    final boolean target;
    final TransactionTracker tracker;
    final FileInfo info;
    final List<Finding> raw = new ArrayList<>();
    /** Per rule id, the transaction ids it reported in ({@code -1} for statements outside one). */
    final java.util.Map<String, java.util.Set<Long>> reportedIn = new java.util.HashMap<>();

    FileRun(PreparedFile pf, int fileIndex, Catalog catalog, ActiveRules rules, int serverVersion, boolean target,
        long firstTx) {
      this.pf = pf;
      this.fileIndex = fileIndex;
      this.catalog = catalog;
      this.rules = rules;
      this.serverVersion = serverVersion;
      this.target = target;
      int forward = pf.forwardStatements();
      this.tracker = new TransactionTracker(pf.file().displayPath(), pf.executionModel(), forward, firstTx);
      this.info = new FileInfo(pf.file().displayPath(), pf.text(), pf.file().tool(), pf.executionModel(),
          pf.file().dialect(), forward, pf.split().statements());
    }

    /**
     * Relations created earlier in the still open transaction are invisible to every other session:
     * their locks block nobody, so they are left out (as a statement's own new relations are), and a
     * table created in that transaction has no existing rows to fail on.
     */
    private static Effects withoutOwnRelations(Effects e, Operation op, Catalog before, TransactionState tx) {
      if (!tx.inTransaction() || !e.known()) {
        return e;
      }
      // Most statements touch no relation of their own transaction: then the list is e's own.
      List<dev.lockstep.core.effects.RelationEffect> relations = e.relations();
      List<dev.lockstep.core.effects.RelationEffect> kept = relations;
      for (int i = 0; i < relations.size(); i++) {
        dev.lockstep.core.effects.RelationEffect r = relations.get(i);
        if (isOwn(before, r.relation(), tx)) {
          if (kept == relations) {
            kept = new ArrayList<>(relations.subList(0, i));
          }
        } else if (kept != relations) {
          kept.add(r);
        }
      }
      Optional<String> fails = e.failsOnExistingRows();
      if (op instanceof Operation.OnTable t && isOwn(before, Catalog.resolve(t.relation()), tx)) {
        // the table is empty: nothing to fail on, and checks against other tables find nothing to look up
        fails = Optional.empty();
        kept = kept.stream().map(r -> r.scanKind() != dev.lockstep.core.effects.ScanKind.NONE && !r.rewrite()
            ? new dev.lockstep.core.effects.RelationEffect(r.relation(), r.kind(), r.lock(), false,
                dev.lockstep.core.effects.ScanKind.NONE, r.lasting()) : r).toList();
      }
      if (kept.equals(e.relations()) && fails.equals(e.failsOnExistingRows())) {
        return e;
      }
      return new Effects(kept, e.transactional(), fails, e.notes(), e.known());
    }

    /** Whether {@code n} was created earlier in the open transaction {@code tx}. */
    private static boolean isOwn(Catalog before, ObjectName n, TransactionState tx) {
      Optional<Origin> o = originOf(before, n);
      return o.isPresent() && o.get().transactionId() != Origin.NO_TRANSACTION
          && o.get().transactionId() == tx.transactionId();
    }

    private static Optional<Origin> originOf(Catalog c, ObjectName n) {
      Optional<Origin> t = c.table(n).map(Table::origin);
      if (t.isPresent()) {
        return t;
      }
      Optional<Origin> i = c.index(n).map(dev.lockstep.core.catalog.Index::origin);
      return i.isPresent() ? i : c.view(n).map(dev.lockstep.core.catalog.View::origin);
    }

    FileResult execute() {
      List<StatementResult> statements = new ArrayList<>();
      List<SqlStatement> stmts = pf.split().statements();
      for (int i = 0; i < stmts.size(); i++) {
        SqlStatement stmt = stmts.get(i);
        List<Operation> ops = pf.operations().get(i);
        if (!stmt.section().runsForward()) {
          statements.add(new StatementResult(stmt.index(), stmt.span(), stmt.section(), ops,
              TransactionState.Kind.NONE, Effects.NONE));
          continue;
        }
        TransactionState tx = tracker.before(ops);
        Origin origin = new Origin(pf.file().displayPath(), fileIndex, stmt.index(),
            tx.inTransaction() ? tx.transactionId() : Origin.NO_TRANSACTION);
        if (!target) {
          // History only: the catalog is all later files need. Transactions do not span files, so
          // the locks this file's statements take matter to nothing reported.
          for (int k = 0; k < ops.size(); k++) {
            catalog.apply(ops.get(k), origin);
          }
          tracker.after(stmt.index(), ops, Effects.NONE);
          continue;
        }
        Effects stmtEffects = lintStatement(stmt, ops, tx, origin);
        tracker.after(stmt.index(), ops, stmtEffects);
        statements.add(new StatementResult(stmt.index(), stmt.span(), stmt.section(), ops, tx.kind(), stmtEffects));
      }
      List<Finding> findings = target ? Suppressions.apply(raw, pf, rules) : List.of();
      return new FileResult(pf.file().displayPath(), pf.file().path(), pf.text(), pf.file().tool(),
          pf.file().dialect(), pf.executionModel(), statements, findings);
    }

    private Effects lintStatement(SqlStatement stmt, List<Operation> ops, TransactionState tx, Origin origin) {
      // Each operation's effects are predicted against the catalog as it is just before that
      // operation (a multi-action ALTER TABLE sees its own earlier actions); rules see the same state.
      List<Effects> parts = new ArrayList<>(ops.size());
      if (ops.size() == 1) {
        parts.add(withoutOwnRelations(effectsModel.effects(ops.get(0), catalog, serverVersion), ops.get(0), catalog,
            tx));
      } else {
        Catalog scratch = catalog.copy();
        for (Operation op : ops) {
          parts.add(withoutOwnRelations(effectsModel.effects(op, scratch, serverVersion), op, scratch, tx));
          scratch.apply(op, origin);
        }
      }
      Effects stmtEffects = Effects.combine(parts);
      for (int k = 0; k < ops.size(); k++) {
        Context ctx = new Context(this, stmt, ops, ops.get(k), parts.get(k), stmtEffects, catalog, tx, origin);
        List<RuleMeta> checks = rules.checks();
        for (int r = 0; r < checks.size(); r++) {
          RuleMeta meta = checks.get(r);
          ctx.current = meta;
          try {
            meta.rule().orElseThrow().check(ctx);
          } catch (RuntimeException e) {
            throw new IllegalStateException("rule " + meta.id() + " failed on " + pf.file().displayPath()
                + " statement " + stmt.index() + ": " + e, e);
          }
        }
        catalog.apply(ops.get(k), origin);
      }
      return stmtEffects;
    }
  }

  private static final class Context implements RuleContext {
    final FileRun run;
    final SqlStatement stmt;
    final List<Operation> ops;
    final Operation op;
    final Effects effects;
    final Effects stmtEffects;
    final Catalog before;
    final TransactionState tx;
    final Origin origin;
    RuleMeta current;

    Context(FileRun run, SqlStatement stmt, List<Operation> ops, Operation op, Effects effects, Effects stmtEffects,
        Catalog before, TransactionState tx, Origin origin) {
      this.run = run;
      this.stmt = stmt;
      this.ops = ops;
      this.op = op;
      this.effects = effects;
      this.stmtEffects = stmtEffects;
      this.before = before;
      this.tx = tx;
      this.origin = origin;
    }

    @Override
    public Operation operation() {
      return op;
    }

    @Override
    public List<Operation> statementOperations() {
      return ops;
    }

    @Override
    public SqlStatement statement() {
      return stmt;
    }

    @Override
    public Effects effects() {
      return effects;
    }

    @Override
    public Effects statementEffects() {
      return stmtEffects;
    }

    @Override
    public Catalog catalog() {
      return before;
    }

    @Override
    public TransactionState transaction() {
      return tx;
    }

    @Override
    public FileInfo file() {
      return run.info;
    }

    @Override
    public int serverVersion() {
      return run.serverVersion;
    }

    @Override
    public boolean isNewTable(ObjectName table) {
      Optional<Table> t = before.table(table);
      if (t.isEmpty()) {
        return false;
      }
      Origin o = t.get().origin();
      if (o.fileIndex() == run.fileIndex) {
        return true;
      }
      return o.transactionId() != Origin.NO_TRANSACTION && tx.inTransaction()
          && o.transactionId() == tx.transactionId();
    }

    @Override
    public boolean alreadyReported(boolean sameTransaction) {
      java.util.Set<Long> txs = run.reportedIn.get(current.id());
      if (txs == null) {
        return false;
      }
      return !sameTransaction || (tx.inTransaction() && txs.contains(tx.transactionId()));
    }

    @Override
    public FindingBuilder report(Span span, String message) {
      RuleMeta meta = current;
      run.reportedIn.computeIfAbsent(meta.id(), k -> new java.util.HashSet<>())
          .add(tx.inTransaction() ? tx.transactionId() : -1L);
      Builder b = new Builder(meta, span, message, stmt.index(), run.pf.file().dialect() == Dialect.POSTGRESQL);
      run.raw.add(null);
      int slot = run.raw.size() - 1;
      b.onChange = () -> run.raw.set(slot, b.build(run.rules));
      run.raw.set(slot, b.build(run.rules));
      return b;
    }
  }

  private static final class Builder implements RuleContext.FindingBuilder {
    final RuleMeta meta;
    final Span span;
    final String message;
    final int statementIndex;
    String help = "";
    Optional<Fix> fix = Optional.empty();
    Optional<Plan> plan = Optional.empty();
    Runnable onChange = () -> { };
    /**
     * Whether fixes and plans are kept: they are PostgreSQL SQL ({@code CONCURRENTLY}, {@code NOT
     * VALID}, {@code SET lock_timeout}, PL/pgSQL), which a MySQL migration must not be given.
     */
    final boolean writesSql;

    Builder(RuleMeta meta, Span span, String message, int statementIndex, boolean writesSql) {
      this.meta = meta;
      this.span = span;
      this.message = message;
      this.statementIndex = statementIndex;
      this.writesSql = writesSql;
    }

    Finding build(ActiveRules rules) {
      Severity sev = rules.severity(meta.id()).orElse(meta.severity());
      return new Finding(meta.id(), sev, message, help, statementIndex, span, fix, plan);
    }

    @Override
    public RuleContext.FindingBuilder help(String h) {
      this.help = h;
      onChange.run();
      return this;
    }

    @Override
    public RuleContext.FindingBuilder fix(Fix f) {
      if (writesSql) {
        this.fix = Optional.of(f);
        onChange.run();
      }
      return this;
    }

    @Override
    public RuleContext.FindingBuilder plan(Plan p) {
      if (writesSql) {
        this.plan = Optional.of(p);
        onChange.run();
      }
      return this;
    }
  }

  static Comparator<Finding> order() {
    return Comparator.comparingInt((Finding f) -> f.span().start()).thenComparing(Finding::ruleId);
  }
}
