package dev.lockstep.lsp;

import dev.lockstep.core.rule.RuleRegistry;
import dev.lockstep.core.service.LintService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;

/** Projects on disk and small constructors for expected LSP values (lemminx style). */
final class Fixtures {
  static final RuleRegistry REGISTRY = RuleRegistry.load();
  static final LintService SERVICE = LintService.createDefault();

  static final String INIT = "-- CreateTable\nCREATE TABLE \"User\" (\n    \"id\" TEXT NOT NULL,\n"
      + "    \"email\" TEXT NOT NULL,\n    CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\")\n);\n";
  static final String INDEX = "-- CreateIndex\nCREATE INDEX \"User_email_idx\" ON \"User\"(\"email\");\n";

  private Fixtures() {}

  static Analyzer analyzer() {
    return new Analyzer(SERVICE.cachingPreparedFiles(), REGISTRY, m -> "https://example.test/rules/" + m.id());
  }

  /** A Prisma project: {@code dir/prisma/migrations/<name>/migration.sql} for each (name, sql) pair. */
  static Path prisma(Path dir, String... nameAndSql) throws IOException {
    Path migrations = dir.resolve("prisma/migrations");
    Files.createDirectories(migrations);
    Files.writeString(migrations.resolve("migration_lock.toml"), "provider = \"postgresql\"\n",
        StandardCharsets.UTF_8);
    for (int i = 0; i < nameAndSql.length; i += 2) {
      Path m = migrations.resolve(nameAndSql[i]);
      Files.createDirectories(m);
      Files.writeString(m.resolve("migration.sql"), nameAndSql[i + 1], StandardCharsets.UTF_8);
    }
    return dir;
  }

  static Path migration(Path project, String name) {
    return project.resolve("prisma/migrations").resolve(name).resolve("migration.sql").toAbsolutePath().normalize();
  }

  static String uri(Path p) {
    return p.toUri().toString();
  }

  static Range r(int l1, int c1, int l2, int c2) {
    return new Range(new Position(l1, c1), new Position(l2, c2));
  }

  static Diagnostic d(int l1, int c1, int l2, int c2, String code, DiagnosticSeverity severity) {
    Diagnostic d = new Diagnostic(r(l1, c1, l2, c2), "", severity, Converters.SOURCE, code);
    return d;
  }

  static TextEdit te(int l1, int c1, int l2, int c2, String text) {
    return new TextEdit(r(l1, c1, l2, c2), text);
  }

  /** An expected code action: title and the edits it makes in the one document. */
  record ExpectedAction(String title, List<TextEdit> edits) {}

  static ExpectedAction ca(String title, TextEdit... edits) {
    return new ExpectedAction(title, List.of(edits));
  }

  /** Diagnostics reduced to what {@link #d} sets (messages are checked separately). */
  static List<String> shape(List<Diagnostic> ds) {
    List<String> out = new ArrayList<>();
    for (Diagnostic d : ds) {
      out.add(d.getRange().getStart().getLine() + ":" + d.getRange().getStart().getCharacter() + "-"
          + d.getRange().getEnd().getLine() + ":" + d.getRange().getEnd().getCharacter() + " "
          + d.getCode().getLeft() + " " + d.getSeverity());
    }
    return out;
  }

  static List<String> shapeActions(List<CodeAction> actions, String uri) {
    List<String> out = new ArrayList<>();
    for (CodeAction a : actions) {
      List<TextEdit> edits = a.getEdit().getChanges() == null ? List.of() : a.getEdit().getChanges().get(uri);
      out.add(a.getTitle() + " " + shapeEdits(edits));
    }
    return out;
  }

  static String shapeEdits(List<TextEdit> edits) {
    List<String> out = new ArrayList<>();
    if (edits != null) {
      for (TextEdit e : edits) {
        out.add(e.getRange().getStart().getLine() + ":" + e.getRange().getStart().getCharacter() + "-"
            + e.getRange().getEnd().getLine() + ":" + e.getRange().getEnd().getCharacter() + "="
            + e.getNewText().replace("\n", "\\n"));
      }
    }
    return out.toString();
  }

  static List<String> expected(ExpectedAction... actions) {
    List<String> out = new ArrayList<>();
    for (ExpectedAction a : actions) {
      out.add(a.title() + " " + shapeEdits(a.edits()));
    }
    return out;
  }

  static List<String> expected(Diagnostic... ds) {
    return shape(List.of(ds));
  }
}
