package dev.lockstep.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lockstep.core.catalog.Catalog;
import dev.lockstep.core.engine.StatementResult;
import dev.lockstep.core.plan.Rollback;
import dev.lockstep.core.service.LintService;
import dev.lockstep.core.service.SchemaSnapshot;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lockstep rollback}: a down script for a migration. */
@Command(name = "rollback", mixinStandardHelpOptions = true, versionProvider = LockstepCommand.Version.class,
    sortOptions = false,
    description = {"Write a down script for a migration: the inverse of each statement in reverse order, computed"
        + " from the schema the history built up. Statements whose effect cannot be undone (dropped data, data"
        + " changes, enum values) are marked IRREVERSIBLE with what the script can still do."},
    footer = {"", "Exit codes: 0 script written; 2 usage, configuration or input error (or --output exists);"
        + " 70 internal error."})
public final class RollbackCommand implements Callable<Integer> {
  private final Environment env;
  private final Supplier<LintService> service;

  @Parameters(index = "0", paramLabel = "MIGRATION", description = "The migration file to revert.")
  String target;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "sql",
      description = "Output format: sql or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the script to FILE (which must not exist yet) instead of standard output.")
  String output;

  @Mixin
  ProjectOptions project = new ProjectOptions();

  RollbackCommand(Environment env, Supplier<LintService> service) {
    this.env = env;
    this.service = service;
  }

  @Override
  public Integer call() throws IOException {
    String fmt = LintCommand.choice("--format", format, List.of("sql", "json"));
    MigrationTarget t = MigrationTarget.load(env, service.get(), target, project);
    Catalog before = service.get().schemaBefore(t.file(), 0, t.options()).map(SchemaSnapshot::catalog)
        .orElseGet(Catalog::new);
    List<Rollback.Statement> statements = new ArrayList<>();
    Map<Integer, StatementResult> byIndex = t.result().statements().stream()
        .collect(Collectors.toMap(StatementResult::index, s -> s, (x, y) -> x));
    for (StatementResult s : t.result().statements()) {
      if (s.section().runsForward()) {
        statements.add(new Rollback.Statement(s.index(), s.operations()));
      }
    }
    Rollback rollback = Rollback.of(before, statements);
    var lines = t.result().lines();
    IntFunction<String> describe = i -> {
      StatementResult s = byIndex.get(i);
      if (s == null) {
        return "statement " + (i + 1);
      }
      String text = t.result().text().substring(s.span().start(), s.span().end()).strip();
      String first = text.lines().findFirst().orElse("").strip();
      if (first.length() > 100) {
        first = first.substring(0, 97) + "...";
      } else if (text.contains("\n")) {
        first += " ...";
      }
      return "line " + (lines.line(s.span().start()) + 1) + ": " + first;
    };
    String shown = t.projectRoot().relativize(t.file()).toString().replace('\\', '/');
    String out = fmt.equals("json") ? json(shown, rollback, describe, t) : rollback.render(shown, describe);
    if (output != null) {
      Path file = env.resolve(output);
      if (Files.exists(file)) {
        throw new UsageException(output + " already exists; not overwritten");
      }
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, out, StandardCharsets.UTF_8);
    } else {
      env.out().print(out);
      env.out().flush();
    }
    return ExitCodes.OK;
  }

  private static String json(String migration, Rollback rollback, IntFunction<String> describe, MigrationTarget t)
      throws IOException {
    StringWriter w = new StringWriter();
    JsonGenerator g = new JsonFactory().createGenerator(w).useDefaultPrettyPrinter();
    g.writeStartObject();
    g.writeStringField("migration", migration);
    g.writeBooleanField("reversible", rollback.reversible());
    g.writeArrayFieldStart("steps");
    var lines = t.result().lines();
    for (Rollback.Undo u : rollback.undos()) {
      g.writeStartObject();
      g.writeNumberField("statement", u.statementIndex());
      t.result().statements().stream().filter(s -> s.index() == u.statementIndex()).findFirst()
          .ifPresent(s -> {
            try {
              g.writeNumberField("line", lines.line(s.span().start()) + 1);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
      g.writeStringField("undoes", describe.apply(u.statementIndex()));
      g.writeStringField("sql", String.join("\n", u.sql()));
      g.writeBooleanField("reversible", u.reversible());
      if (u.note().isEmpty()) {
        g.writeNullField("note");
      } else {
        g.writeStringField("note", u.note());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.flush();
    return w + "\n";
  }
}
