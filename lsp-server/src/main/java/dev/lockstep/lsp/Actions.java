package dev.lockstep.lsp;

import dev.lockstep.core.engine.FileResult;
import dev.lockstep.core.engine.StatementResult;
import dev.lockstep.core.rule.Finding;
import dev.lockstep.core.rule.Plan;
import dev.lockstep.core.rule.PlanStep;
import dev.lockstep.core.rule.RuleRegistry;
import dev.lockstep.core.source.LineIndex;
import dev.lockstep.core.source.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CreateFile;
import org.eclipse.lsp4j.CreateFileOptions;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ResourceOperation;
import org.eclipse.lsp4j.TextDocumentEdit;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * {@code textDocument/codeAction}: for each finding in the range, the rule's fix (preferred),
 * suppression comments for the statement and for the file, and the finding's expand/contract
 * plan as an edit that creates the plan's migration files.
 */
final class Actions {
  /** The placeholder a suppression comment gets for its reason. */
  static final String REASON_PLACEHOLDER = "TODO: why this is safe here";

  private Actions() {}

  /**
   * @param documentChanges whether the client accepts {@code documentChanges} with file creation
   *     (needed for plans)
   */
  static List<CodeAction> actions(Analysis a, Range range, Analyzer analyzer, boolean documentChanges) {
    List<CodeAction> out = new ArrayList<>();
    if (a.file().isEmpty()) {
      return out;
    }
    Span want = Converters.span(a.lines(), range);
    String uri = a.document().uri();
    List<CodeAction> ignores = new ArrayList<>();
    for (Finding f : a.findings()) {
      if (f.span().end() < want.start() || f.span().start() > want.end()) {
        continue;
      }
      Diagnostic d = Converters.diagnostic(a.lines(), f, analyzer::docUri);
      f.fix().ifPresent(fix -> {
        List<TextEdit> edits = new ArrayList<>();
        fix.edits().forEach(e -> edits.add(Converters.textEdit(a.lines(), e)));
        CodeAction ca = new CodeAction(fix.title());
        ca.setKind(CodeActionKind.QuickFix);
        ca.setIsPreferred(true);
        ca.setDiagnostics(List.of(d));
        ca.setEdit(new WorkspaceEdit(Map.of(uri, edits)));
        out.add(ca);
      });
      if (f.plan().isPresent() && documentChanges && a.document().path().isPresent()) {
        planAction(a, f, f.plan().get(), d).ifPresent(out::add);
      }
      if (f.ruleId().equals(RuleRegistry.UNUSED_SUPPRESSION)
          || f.ruleId().equals(RuleRegistry.UNKNOWN_RULE_IN_SUPPRESSION)) {
        continue;
      }
      Optional<StatementResult> stmt = a.statement(f.statementIndex());
      if (stmt.isPresent()) {
        ignores.add(ignore("Ignore " + f.ruleId() + " for this statement", uri, d,
            ignoreStatementEdit(a.document().text(), a.lines(), stmt.get().span(), f.ruleId())));
      }
      ignores.add(ignore("Ignore " + f.ruleId() + " in this file", uri, d,
          new TextEdit(new Range(new Position(0, 0), new Position(0, 0)),
              "-- lockstep:ignore-file " + f.ruleId() + " -- " + REASON_PLACEHOLDER + "\n")));
    }
    out.addAll(ignores);
    return out;
  }

  private static CodeAction ignore(String title, String uri, Diagnostic d, TextEdit edit) {
    CodeAction ca = new CodeAction(title);
    ca.setKind(CodeActionKind.QuickFix);
    ca.setDiagnostics(List.of(d));
    ca.setEdit(new WorkspaceEdit(Map.of(uri, List.of(edit))));
    return ca;
  }

  /**
   * A {@code -- lockstep:ignore} line right before the statement, with the statement's indentation;
   * on a line of its own even when the statement follows another one on the same line.
   */
  static TextEdit ignoreStatementEdit(String text, LineIndex lines, Span stmt, String ruleId) {
    int line = lines.line(stmt.start());
    int lineStart = lines.lineStart(line);
    String before = text.substring(lineStart, stmt.start());
    String comment = "-- lockstep:ignore " + ruleId + " -- " + REASON_PLACEHOLDER;
    if (before.isBlank()) {
      Position at = new Position(line, before.length());
      return new TextEdit(new Range(at, at), comment + "\n" + before);
    }
    Position at = Converters.position(lines, stmt.start());
    return new TextEdit(new Range(at, at), "\n" + comment + "\n");
  }

  /**
   * Creates each migration step's file (with the deploy and wait steps as comments) and replaces
   * the statement in the current file with a note naming the new files.
   */
  private static Optional<CodeAction> planAction(Analysis a, Finding f, Plan plan, Diagnostic d) {
    FileResult file = a.file().get();
    Optional<StatementResult> stmt = a.statement(f.statementIndex());
    if (stmt.isEmpty()) {
      return Optional.empty();
    }
    List<Either<TextDocumentEdit, ResourceOperation>> changes = new ArrayList<>();
    List<String> created = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    int n = 0;
    for (PlanStep step : plan.steps()) {
      n++;
      if (step.kind() != PlanStep.Kind.MIGRATION || step.path().isEmpty() || step.sql().isEmpty()) {
        pending.append("-- Before this migration: step ").append(n).append(" (").append(step.kind().id())
            .append("): ").append(step.title()).append(step.why().isBlank() ? "" : " — " + step.why()).append('\n');
        continue;
      }
      Path target = planRoot(file, step.path().get()).resolve(step.path().get()).normalize();
      String targetUri = target.toUri().toString();
      CreateFileOptions opts = new CreateFileOptions(false, false);
      changes.add(Either.forRight(new CreateFile(targetUri, opts)));
      String content = "-- Step " + n + " of \"" + plan.title() + "\": " + step.title() + "\n"
          + (step.why().isBlank() ? "" : "-- " + step.why() + "\n") + pending + step.sql().get()
          + (step.sql().get().endsWith("\n") ? "" : "\n");
      pending.setLength(0);
      changes.add(Either.forLeft(new TextDocumentEdit(new VersionedTextDocumentIdentifier(targetUri, null),
          List.of(new TextEdit(new Range(new Position(0, 0), new Position(0, 0)), content)))));
      created.add(step.path().get());
    }
    if (created.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder note = new StringBuilder("-- lockstep: replaced by the plan \"" + plan.title() + "\" in\n");
    for (String c : created) {
      note.append("--   ").append(c).append('\n');
    }
    if (pending.length() > 0) {
      note.append(pending);
    }
    String replacement = note.toString().stripTrailing();
    changes.add(Either.forLeft(new TextDocumentEdit(
        new VersionedTextDocumentIdentifier(a.document().uri(), a.document().version()),
        List.of(new TextEdit(Converters.range(a.lines(), stmt.get().span()), replacement)))));
    WorkspaceEdit edit = new WorkspaceEdit(changes);
    CodeAction ca = new CodeAction("Apply expand/contract plan: " + plan.title());
    ca.setKind(CodeActionKind.RefactorRewrite);
    ca.setDiagnostics(List.of(d));
    ca.setEdit(edit);
    return Optional.of(ca);
  }

  /**
   * Where a plan's relative paths start: the nearest directory at or above the file's display root
   * that holds the path's first segment ({@code prisma} of {@code prisma/migrations/...}), else the
   * display root.
   */
  static Path planRoot(FileResult file, String planPath) {
    Path displayRoot = file.file();
    int segments = file.path().split("/").length;
    for (int i = 0; i < segments && displayRoot != null; i++) {
      displayRoot = displayRoot.getParent();
    }
    if (displayRoot == null || !displayRoot.resolve(file.path()).normalize().equals(file.file())) {
      displayRoot = file.file().getParent();
    }
    String first = planPath.split("/")[0];
    for (Path dir = file.file().getParent(); dir != null; dir = dir.getParent()) {
      if (!first.isEmpty() && java.nio.file.Files.isDirectory(dir.resolve(first))) {
        return dir;
      }
    }
    return displayRoot;
  }
}
