package dev.lockstep.lsp;

import static dev.lockstep.lsp.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.lockstep.core.engine.FileResult;
import dev.lockstep.core.engine.LintResult;
import dev.lockstep.core.engine.StatementResult;
import dev.lockstep.core.rule.Finding;
import dev.lockstep.core.rule.Plan;
import dev.lockstep.core.rule.PlanStep;
import dev.lockstep.core.rule.Severity;
import dev.lockstep.core.service.OptionsResolver;
import dev.lockstep.core.source.LineIndex;
import dev.lockstep.core.source.Span;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CreateFile;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentEdit;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analyzer through the converters, without the protocol. */
class LanguageServiceTest {
  private static final String RCIC = "require-concurrent-index-creation";
  private static final String RLT = "require-lock-timeout";

  @TempDir
  Path dir;

  private static Analysis analyze(Analyzer an, Path file, String text, Map<Path, String> overlays) {
    Document doc = new Document(uri(file), Document.pathOf(uri(file)), 1, text);
    return an.analyze(doc, overlays, true);
  }

  private Path project() throws Exception {
    return prisma(dir, "20240101000000_init", INIT, "20240102000000_idx", INDEX);
  }

  private static String apply(String text, List<TextEdit> edits) {
    LineIndex lines = new LineIndex(text);
    List<TextEdit> sorted = new ArrayList<>(edits);
    sorted.sort(Comparator.comparingInt((TextEdit e) -> Converters.offset(lines, e.getRange().getStart())).reversed());
    StringBuilder sb = new StringBuilder(text);
    for (TextEdit e : sorted) {
      sb.replace(Converters.offset(lines, e.getRange().getStart()), Converters.offset(lines, e.getRange().getEnd()),
          e.getNewText());
    }
    return sb.toString();
  }

  @Test
  void diagnosticsCarryRuleIdDocLinkAndConfiguredSeverity() throws Exception {
    Path f = migration(project(), "20240102000000_idx");
    Analyzer an = analyzer();
    List<Diagnostic> ds = Converters.diagnostics(analyze(an, f, INDEX, Map.of()), an::docUri);
    assertEquals(expected(d(1, 0, 1, 48, RCIC, org.eclipse.lsp4j.DiagnosticSeverity.Error),
        d(1, 0, 1, 48, RLT, org.eclipse.lsp4j.DiagnosticSeverity.Information)), shape(ds));
    assertEquals("https://example.test/rules/" + RCIC, ds.get(0).getCodeDescription().getHref());
    assertEquals("lockstep", ds.get(0).getSource());
    assertTrue(ds.get(0).getMessage().contains("SHARE lock on \"User\""), ds.get(0).getMessage());

    Files.writeString(dir.resolve("lockstep.yaml"), "rules:\n  " + RCIC + ": warning\n  " + RLT + ": off\n");
    an.invalidate();
    ds = Converters.diagnostics(analyze(an, f, INDEX, Map.of()), an::docUri);
    assertEquals(expected(d(1, 0, 1, 48, RCIC, org.eclipse.lsp4j.DiagnosticSeverity.Warning)), shape(ds));
  }

  @Test
  void findingsAreExactlyTheClisForTheSameFile() throws Exception {
    Path p = prisma(dir, "20240101000000_init", INIT, "20240102000000_idx", INDEX + "ALTER TABLE \"User\" ADD COLUMN"
        + " \"age\" INTEGER NOT NULL;\nUPDATE \"User\" SET \"email\" = lower(\"email\");\n");
    Files.writeString(dir.resolve("lockstep.yaml"), "pg-version: 12\nrules:\n  " + RLT + ": error\n");
    Path f = migration(p, "20240102000000_idx");
    Analyzer an = analyzer();
    Analysis a = analyze(an, f, Files.readString(f), Map.of());
    // What `lockstep lint <file>` computes: OptionsResolver from the file, then LintService.
    OptionsResolver.Resolved r = new OptionsResolver(REGISTRY).resolve(Optional.empty(), f,
        OptionsResolver.Overrides.none());
    LintResult cli = SERVICE.lint(List.of(f), r.options());
    assertEquals(1, cli.files().size());
    assertEquals(cli.files().get(0).findings(), a.findings());
    assertEquals(12, a.serverVersion());
    assertFalse(a.findings().isEmpty());
  }

  @Test
  void settingsOverrideTheConfigurationLikeCommandLineFlags() throws Exception {
    Path f = migration(project(), "20240102000000_idx");
    Files.writeString(dir.resolve("lockstep.yaml"), "pg-version: 12\n");
    Analyzer an = analyzer();
    assertEquals(12, analyze(an, f, INDEX, Map.of()).serverVersion());
    an.settings(ServerSettings.defaults().merge(com.google.gson.JsonParser.parseString(
        "{\"lockstep\": {\"pgVersion\": 16}}")));
    assertEquals(16, analyze(an, f, INDEX, Map.of()).serverVersion());
    an.settings(ServerSettings.defaults().merge(com.google.gson.JsonParser.parseString("{\"tool\": \"nope\"}")));
    Analysis bad = analyze(an, f, INDEX, Map.of());
    List<Diagnostic> ds = Converters.diagnostics(bad, an::docUri);
    assertEquals(expected(d(0, 0, 0, 0, Converters.CONFIG_ERROR, org.eclipse.lsp4j.DiagnosticSeverity.Error)),
        shape(ds));
    assertTrue(ds.get(0).getMessage().contains("unknown migration tool 'nope'"), ds.get(0).getMessage());
  }

  @Test
  void anExplicitConfigFileSettingIsUsedLikeTheConfigFlag() throws Exception {
    Path f = migration(project(), "20240102000000_idx");
    Files.writeString(dir.resolve("lockstep.yaml"), "pg-version: 12\n");
    Path elsewhere = Files.createDirectories(dir.resolve("ci")).resolve("strict.yaml");
    Files.writeString(elsewhere, "pg-version: 18\nrules:\n  " + RLT + ": off\n");
    Analyzer an = analyzer();
    an.settings(ServerSettings.defaults().merge(com.google.gson.JsonParser.parseString(
        "{\"lockstep\": {\"config\": \"" + elsewhere.toString().replace("\\", "\\\\") + "\"}}")));
    Analysis a = analyze(an, f, INDEX, Map.of());
    assertEquals(18, a.serverVersion());
    assertEquals(expected(d(1, 0, 1, 48, RCIC, org.eclipse.lsp4j.DiagnosticSeverity.Error)),
        shape(Converters.diagnostics(a, an::docUri)));
  }

  @Test
  void anInvalidConfigurationFileIsOneDiagnosticNamingIt() throws Exception {
    Path f = migration(project(), "20240102000000_idx");
    Files.writeString(dir.resolve("lockstep.yaml"), "pg-versoin: 16\n");
    Analyzer an = analyzer();
    List<Diagnostic> ds = Converters.diagnostics(analyze(an, f, INDEX, Map.of()), an::docUri);
    assertEquals(1, ds.size());
    assertTrue(ds.get(0).getMessage().contains("lockstep.yaml"), ds.get(0).getMessage());
    assertTrue(ds.get(0).getMessage().contains("pg-versoin"), ds.get(0).getMessage());
  }

  @Test
  void codeActionsOfferTheFixAndSuppressions() throws Exception {
    Path f = migration(project(), "20240102000000_idx");
    Analyzer an = analyzer();
    Analysis a = analyze(an, f, INDEX, Map.of());
    List<CodeAction> actions = Actions.actions(a, r(1, 5, 1, 5), an, true);
    String reason = Actions.REASON_PLACEHOLDER;
    assertEquals(expected(
        ca("Add CONCURRENTLY", te(1, 12, 1, 12, " CONCURRENTLY")),
        ca("Set lock_timeout before this statement", te(0, 0, 0, 0, "SET lock_timeout = '5s';\n")),
        ca("Ignore " + RCIC + " for this statement", te(1, 0, 1, 0, "-- lockstep:ignore " + RCIC + " -- " + reason
            + "\n")),
        ca("Ignore " + RCIC + " in this file", te(0, 0, 0, 0, "-- lockstep:ignore-file " + RCIC + " -- " + reason
            + "\n")),
        ca("Ignore " + RLT + " for this statement", te(1, 0, 1, 0, "-- lockstep:ignore " + RLT + " -- " + reason
            + "\n")),
        ca("Ignore " + RLT + " in this file", te(0, 0, 0, 0, "-- lockstep:ignore-file " + RLT + " -- " + reason
            + "\n"))), shapeActions(actions, uri(f)));
    assertEquals(Boolean.TRUE, actions.get(0).getIsPreferred());
    assertEquals("quickfix", actions.get(0).getKind());

    // Each suppression really silences its rule (and only it) when linted again.
    for (CodeAction ca : actions.subList(2, 6)) {
      String fixed = apply(INDEX, ca.getEdit().getChanges().get(uri(f)));
      List<String> rules = analyze(an, f, fixed, Map.of()).findings().stream().map(Finding::ruleId).toList();
      String silenced = ca.getTitle().contains(RCIC) ? RCIC : RLT;
      assertFalse(rules.contains(silenced), ca.getTitle() + " -> " + rules);
      assertFalse(rules.contains("unused-suppression"), ca.getTitle() + " -> " + rules);
      assertEquals(1, rules.size(), ca.getTitle() + " -> " + rules);
    }
    // And the quick fix removes its finding.
    String fixed = apply(INDEX, actions.get(0).getEdit().getChanges().get(uri(f)));
    assertFalse(analyze(an, f, fixed, Map.of()).findings().stream().anyMatch(x -> x.ruleId().equals(RCIC)));
  }

  @Test
  void ignoreCommentGoesOnItsOwnLineWithTheStatementsIndentation() {
    String text = "SET x = 1; CREATE INDEX i ON t(a);\n  CREATE INDEX j ON t(b);\n";
    LineIndex lines = new LineIndex(text);
    TextEdit sameLine = Actions.ignoreStatementEdit(text, lines, new Span(11, 34), "r");
    assertEquals("SET x = 1; \n-- lockstep:ignore r -- " + Actions.REASON_PLACEHOLDER + "\nCREATE INDEX i ON t(a);\n"
        + "  CREATE INDEX j ON t(b);\n", apply(text, List.of(sameLine)));
    TextEdit indented = Actions.ignoreStatementEdit(text, lines, new Span(37, 60), "r");
    assertEquals("SET x = 1; CREATE INDEX i ON t(a);\n  -- lockstep:ignore r -- " + Actions.REASON_PLACEHOLDER
        + "\n  CREATE INDEX j ON t(b);\n", apply(text, List.of(indented)));
  }

  @Test
  void hoverTellsLocksTransactionAndTheRuleDoc() throws Exception {
    Path f = migration(project(), "20240102000000_idx");
    Analyzer an = analyzer();
    Analysis a = analyze(an, f, INDEX, Map.of());
    Hover h = Hovers.hover(a, new Position(1, 5), an).orElseThrow();
    String md = h.getContents().getRight().getValue();
    assertTrue(md.contains("PostgreSQL 17"), md);
    assertTrue(md.contains("| \"User\" | SHARE | writes, DDL | no | reads every row |"), md);
    assertTrue(md.contains("Can run inside a transaction block."), md);
    assertTrue(md.contains("**" + RCIC + "** (error)"), md);
    assertTrue(md.contains("#### Why"), md);
    assertTrue(md.contains("[Rule documentation](https://example.test/rules/" + RCIC + ")"), md);
    assertEquals(r(1, 0, 1, 49), h.getRange());
    // On a comment line between statements: nothing.
    assertTrue(Hovers.hover(a, new Position(0, 3), an).isEmpty());
  }

  @Test
  void inlayHintsAndLensesShowTheStrongestTableLockAndRisks() throws Exception {
    Path p = prisma(dir, "20240101000000_init", INIT, "20240102000000_more",
        "ALTER TABLE \"User\" ALTER COLUMN \"email\" SET DATA TYPE VARCHAR(100);\nSET lock_timeout = '1s';\n"
            + INDEX);
    Path f = migration(p, "20240102000000_more");
    Analyzer an = analyzer();
    Analysis a = analyze(an, f, Files.readString(f), Map.of());
    List<String> labels = Hints.inlayHints(a, null).stream().map(h -> h.getPosition().getLine() + ":"
        + h.getLabel().getLeft()).toList();
    assertEquals(List.of("0:ACCESS EXCLUSIVE \"User\" · rewrites · fails on existing rows", "3:SHARE \"User\" · scans"), labels);
    assertEquals(List.of("ACCESS EXCLUSIVE \"User\" · rewrites · fails on existing rows", "SHARE \"User\" · scans"),
        Hints.codeLenses(a).stream().map(l -> l.getCommand().getTitle()).toList());
    // Only statements ending in the requested range.
    assertEquals(1, Hints.inlayHints(a, r(2, 0, 4, 0)).size());
  }

  @Test
  void symbolsPerStatementWithOperationsAsChildren() throws Exception {
    Path p = prisma(dir, "20240101000000_init", INIT, "20240102000000_more",
        "ALTER TABLE \"User\" ADD COLUMN \"a\" TEXT, DROP COLUMN \"email\";\n" + INDEX);
    Path f = migration(p, "20240102000000_more");
    Analyzer an = analyzer();
    List<DocumentSymbol> syms = Symbols.symbols(analyze(an, f, Files.readString(f), Map.of()));
    assertEquals(List.of("ALTER TABLE \"User\" ADD COLUMN \"a\" TEXT, DROP COLUMN \"email\";",
        "CREATE INDEX \"User_email_idx\" ON \"User\"(\"email\");"), syms.stream().map(DocumentSymbol::getName).toList());
    assertEquals(List.of("add-column \"User\"", "drop-column \"User\""),
        syms.get(0).getChildren().stream().map(DocumentSymbol::getName).toList());
  }

  @Test
  void definitionJumpsToTheMigrationThatCreatedTheTableOrColumn() throws Exception {
    Path f = migration(project(), "20240102000000_idx");
    Path init = migration(dir, "20240101000000_init");
    Analyzer an = analyzer();
    Analysis a = analyze(an, f, INDEX, Map.of());
    Location table = Definitions.definition(a, a.lines().offset(1, 35), an, x -> Optional.empty(),
        x -> x.toUri().toString()).orElseThrow();
    assertEquals(uri(init), table.getUri());
    assertEquals(r(1, 13, 1, 19), table.getRange());
    Location column = Definitions.definition(a, a.lines().offset(1, 46), an, x -> Optional.empty(),
        x -> x.toUri().toString()).orElseThrow();
    assertEquals(r(3, 4, 3, 11), column.getRange());
    assertTrue(Definitions.definition(a, a.lines().offset(1, 2), an, x -> Optional.empty(),
        x -> x.toUri().toString()).isEmpty(), "CREATE is no name");
  }

  @Test
  void unsavedEarlierMigrationsAreTheHistory() throws Exception {
    Path f = migration(project(), "20240102000000_idx");
    Path init = migration(dir, "20240101000000_init");
    String later = "CREATE INDEX \"Post_idx\" ON \"Post\"(\"title\");\n";
    String unsaved = INIT + "CREATE TABLE \"Post\" (\"title\" TEXT);\n";
    Analyzer an = analyzer();
    Analysis without = analyze(an, f, later, Map.of());
    assertTrue(Definitions.definition(without, 30, an, x -> Optional.empty(), x -> "x").isEmpty());
    an.invalidate();
    Analysis with = analyze(an, f, later, Map.of(init, unsaved));
    Location loc = Definitions.definition(with, 30, an, x -> x.equals(init) ? Optional.of(unsaved)
        : Optional.empty(), x -> "buffer:" + x.getFileName()).orElseThrow();
    assertEquals("buffer:migration.sql", loc.getUri());
    assertEquals(r(6, 13, 6, 19), loc.getRange());
  }

  @Test
  void aRulesPlanCreatesItsMigrationNextToTheOthers() throws Exception {
    String two = INDEX + "CREATE INDEX \"User_id_email_idx\" ON \"User\"(\"id\", \"email\");\n";
    Path p = prisma(dir, "20240101000000_init", INIT, "20240102000000_idx", two);
    Path f = migration(p, "20240102000000_idx");
    Analyzer an = analyzer();
    Analysis a = analyze(an, f, two, Map.of());
    Finding withPlan = a.findings().stream().filter(x -> x.plan().isPresent()).findFirst().orElseThrow();
    List<CodeAction> actions = Actions.actions(a, Converters.range(a.lines(), withPlan.span()), an, true);
    CodeAction pa = actions.stream().filter(x -> x.getTitle().startsWith("Apply expand/contract plan")).findFirst()
        .orElseThrow();
    String created = ((CreateFile) pa.getEdit().getDocumentChanges().get(0).getRight()).getUri();
    Path createdPath = Path.of(java.net.URI.create(created));
    assertEquals(p.resolve("prisma/migrations").toAbsolutePath().normalize(), createdPath.getParent().getParent(),
        created);
    String sql = pa.getEdit().getDocumentChanges().get(1).getLeft().getEdits().get(0).getNewText();
    assertTrue(sql.contains("CONCURRENTLY"), sql);
  }

  @Test
  void planBecomesAWorkspaceEditThatCreatesTheStepFiles() throws Exception {
    Path f = migration(project(), "20240102000000_idx");
    Analyzer an = analyzer();
    Analysis real = analyze(an, f, INDEX, Map.of());
    FileResult fr = real.file().orElseThrow();
    StatementResult st = fr.statements().get(0);
    Plan plan = new Plan("Build the index without blocking writes", List.of(
        new PlanStep(PlanStep.Kind.MIGRATION, "Create the index concurrently",
            Optional.of("prisma/migrations/20240102000001_idx_concurrently/migration.sql"),
            Optional.of("CREATE INDEX CONCURRENTLY \"User_email_idx\" ON \"User\"(\"email\");"), "no write outage"),
        new PlanStep(PlanStep.Kind.DEPLOY, "Ship the code that uses it", Optional.empty(), Optional.empty(), "")));
    Finding withPlan = new Finding(RCIC, Severity.ERROR, "m", "", 0, st.span(), Optional.empty(), Optional.of(plan));
    FileResult planned = new FileResult(fr.path(), fr.file(), fr.text(), fr.tool(), fr.dialect(),
        fr.executionModel(), fr.statements(), List.of(withPlan));
    Analysis a = new Analysis(real.document(), real.generation(), Optional.of(planned), real.options(),
        Optional.empty(), List.of(), real.lines(), Optional.empty());
    List<CodeAction> actions = Actions.actions(a, r(1, 0, 1, 0), an, true);
    CodeAction pa = actions.stream().filter(x -> x.getTitle().startsWith("Apply expand/contract plan")).findFirst()
        .orElseThrow();
    assertEquals("refactor.rewrite", pa.getKind());
    var changes = pa.getEdit().getDocumentChanges();
    String target = migration(dir, "20240102000001_idx_concurrently").toUri().toString();
    assertEquals(target, ((CreateFile) changes.get(0).getRight()).getUri());
    TextDocumentEdit created = changes.get(1).getLeft();
    assertTrue(created.getEdits().get(0).getNewText().contains("CREATE INDEX CONCURRENTLY"));
    TextDocumentEdit current = changes.get(2).getLeft();
    assertEquals(uri(f), current.getTextDocument().getUri());
    assertEquals(1, current.getTextDocument().getVersion());
    String after = apply(INDEX, current.getEdits());
    assertFalse(after.contains("CREATE INDEX \"User_email_idx\""), after);
    assertTrue(after.contains("20240102000001_idx_concurrently"), after);
    assertTrue(after.contains("Ship the code that uses it"), after);
    // Without file creation support, no plan action.
    assertTrue(Actions.actions(a, r(1, 0, 1, 0), an, false).stream()
        .noneMatch(x -> x.getTitle().startsWith("Apply expand/contract plan")));
  }
}
