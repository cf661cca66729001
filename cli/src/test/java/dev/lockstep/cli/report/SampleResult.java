package dev.lockstep.cli.report;

import dev.lockstep.core.effects.Effects;
import dev.lockstep.core.effects.LockMode;
import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.effects.RelationKind;
import dev.lockstep.core.engine.ActiveRules;
import dev.lockstep.core.engine.FileResult;
import dev.lockstep.core.engine.LintResult;
import dev.lockstep.core.engine.Problem;
import dev.lockstep.core.engine.StatementResult;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.project.ExecutionModel;
import dev.lockstep.core.project.MigrationTool;
import dev.lockstep.core.rule.Finding;
import dev.lockstep.core.rule.Fix;
import dev.lockstep.core.rule.Plan;
import dev.lockstep.core.rule.PlanStep;
import dev.lockstep.core.rule.RuleRegistry;
import dev.lockstep.core.rule.Severity;
import dev.lockstep.core.rule.TextEdit;
import dev.lockstep.core.rule.TransactionState;
import dev.lockstep.core.source.Dialect;
import dev.lockstep.core.source.Section;
import dev.lockstep.core.source.Span;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A hand-built lint result that exercises every part of every report. */
public final class SampleResult {
  public static final Path ROOT = Path.of("/project");
  static final String DIR = "prisma/migrations/20240122103045_order_indexes/";

  static final String TEXT = "-- CreateIndex\n"
      + "CREATE INDEX \"Order_userId_idx\" ON \"Order\"(\"userId\");\n"
      + "\n"
      + "-- AlterTable\n"
      + "ALTER TABLE \"User\" ADD COLUMN \"age\" INTEGER NOT NULL,\n"
      + "\tALTER COLUMN \"name\" SET DATA TYPE VARCHAR(200);\n"
      + "\n"
      + "UPDATE \"User\" SET \"bio\" = 'héllo, wörld ☕ 🎉' WHERE \"bio\" IS NULL;\n"
      + "DO $$ BEGIN PERFORM 1; END $$;\n";

  private SampleResult() {}

  static int at(String needle) {
    int i = TEXT.indexOf(needle);
    if (i < 0) {
      throw new IllegalArgumentException(needle);
    }
    return i;
  }

  static Span span(String needle) {
    int i = at(needle);
    return new Span(i, i + needle.length());
  }

  public static RuleRegistry registry() {
    return RuleRegistry.of(List.of(new SampleRule()));
  }

  public static ActiveRules rules() {
    return ActiveRules.defaults(registry());
  }

  public static ReportContext context(boolean color) {
    return new ReportContext(rules(), ROOT, ROOT, color, "1.2.3");
  }

  public static LintResult result() {
    Span s0 = span("CREATE INDEX \"Order_userId_idx\" ON \"Order\"(\"userId\");");
    Span s1 = new Span(at("ALTER TABLE"), at("(200);") + 6);
    Span s2 = span("UPDATE \"User\" SET \"bio\" = 'héllo, wörld ☕ 🎉' WHERE \"bio\" IS NULL;");
    Span s3 = span("DO $$ BEGIN PERFORM 1; END $$;");
    ObjectName order = ObjectName.of("public", "Order");
    ObjectName user = ObjectName.of("public", "User");
    StatementResult st0 = new StatementResult(0, s0, Section.WHOLE,
        List.of(new Operation.Unrecognized(s0, "test")), TransactionState.Kind.IMPLICIT,
        new Effects(List.of(new RelationEffect(order, RelationKind.TABLE, LockMode.SHARE, false, true),
            new RelationEffect(ObjectName.of("public", "Order_userId_idx"), RelationKind.INDEX,
                LockMode.ACCESS_EXCLUSIVE, false, false)), true, Optional.empty(), List.of(), true));
    StatementResult st1 = new StatementResult(1, s1, Section.WHOLE, List.of(), TransactionState.Kind.IMPLICIT,
        new Effects(List.of(new RelationEffect(user, RelationKind.TABLE, LockMode.ACCESS_EXCLUSIVE, true, false)),
            true, Optional.of("fails when \"User\" has rows"), List.of(), true));
    StatementResult st2 = new StatementResult(2, s2, Section.WHOLE, List.of(), TransactionState.Kind.IMPLICIT,
        new Effects(List.of(new RelationEffect(user, RelationKind.TABLE, LockMode.ROW_EXCLUSIVE, false, true)),
            true, Optional.empty(), List.of(), true));
    StatementResult st3 = new StatementResult(3, s3, Section.WHOLE, List.of(new Operation.Unrecognized(s3, "DO")),
        TransactionState.Kind.IMPLICIT, Effects.UNKNOWN);

    int insertAt = at("INDEX \"Order") + "INDEX ".length();
    Finding f0 = new Finding("sample-index-rule", Severity.ERROR,
        "Building index \"Order_userId_idx\" blocks writes to \"Order\" until it finishes",
        "Use CREATE INDEX CONCURRENTLY in a migration of its own.", 0, s0,
        Optional.of(new Fix("Add CONCURRENTLY", List.of(new TextEdit(new Span(insertAt, insertAt), "CONCURRENTLY ")))),
        Optional.empty());
    Finding f1 = new Finding("unused-suppression", Severity.WARNING,
        "Adding NOT NULL column \"age\" without a default fails when \"User\" has rows; the type change rewrites"
            + " \"User\"",
        "Add the column as nullable, backfill, then add the constraint.", 1,
        new Span(at("ADD COLUMN"), at("(200)") + 5), Optional.empty(),
        Optional.of(new Plan("Add \"age\" in three steps", List.of(
            new PlanStep(PlanStep.Kind.MIGRATION, "Add the column as nullable",
                Optional.of("prisma/migrations/20240122103046_add_age/migration.sql"),
                Optional.of("ALTER TABLE \"User\" ADD COLUMN \"age\" INTEGER;"), "metadata-only change"),
            new PlanStep(PlanStep.Kind.DEPLOY, "Ship code that writes \"age\"", Optional.empty(), Optional.empty(),
                "new rows get a value"),
            new PlanStep(PlanStep.Kind.WAIT, "Backfill old rows in batches", Optional.empty(), Optional.empty(),
                "short transactions keep locks brief")))));
    Finding f2 = new Finding("unknown-rule-in-suppression", Severity.INFO,
        "Updates every row of \"User\" matching 'héllo, wörld ☕ 🎉'", "", 2, span("'héllo, wörld ☕ 🎉'"),
        Optional.empty(), Optional.empty());

    FileResult file = new FileResult(DIR + "migration.sql", ROOT.resolve(DIR + "migration.sql"), TEXT,
        MigrationTool.PRISMA, Dialect.POSTGRESQL, ExecutionModel.IMPLICIT_TRANSACTION, List.of(st0, st1, st2, st3),
        List.of(f0, f1, f2));
    String clean = "CREATE TABLE \"Tag\" (\"id\" SERIAL PRIMARY KEY);\n";
    FileResult cleanFile = new FileResult("prisma/migrations/20240101000000_init/migration.sql",
        ROOT.resolve("prisma/migrations/20240101000000_init/migration.sql"), clean, MigrationTool.PRISMA,
        Dialect.POSTGRESQL, ExecutionModel.IMPLICIT_TRANSACTION,
        List.of(new StatementResult(0, new Span(0, clean.length() - 1), Section.WHOLE, List.of(),
            TransactionState.Kind.IMPLICIT, Effects.NONE)), List.of());
    return new LintResult(List.of(cleanFile, file),
        List.of(new Problem("/project/prisma/migrations/20240201000000_broken/migration.sql",
            "cannot read file: Permission denied")), 16);
  }

  static Map<String, String> formats() {
    return Map.of("text", "sample.txt", "json", "sample.json", "sarif", "sample.sarif", "github", "sample.github");
  }
}
