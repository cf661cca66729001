package dev.lockstep.cli;

import dev.lockstep.cli.report.Problems;
import dev.lockstep.cli.report.ReportContext;
import dev.lockstep.cli.report.TraceReporter;
import dev.lockstep.core.config.ConfigException;
import dev.lockstep.core.engine.Problem;
import dev.lockstep.core.rule.RuleRegistry;
import dev.lockstep.core.service.LintOptions;
import dev.lockstep.core.service.LintService;
import dev.lockstep.core.service.OptionsResolver;
import dev.lockstep.trace.DatabaseUrl;
import dev.lockstep.trace.PgBinaries;
import dev.lockstep.trace.TraceResult;
import dev.lockstep.trace.Tracer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lockstep trace}: run the migrations on a real PostgreSQL server and report what it did. */
@Command(name = "trace", mixinStandardHelpOptions = true, versionProvider = LockstepCommand.Version.class,
    sortOptions = false,
    description = {"Run the migrations on a real PostgreSQL server and report what each statement did: the locks"
        + " it took per relation, rewrites, sequential scans, duration and errors, and where that differs from"
        + " lockstep's prediction.",
        "By default on an embedded server of --pg-version (downloaded once if the build did not fetch it), on a"
        + " fresh database that is thrown away. With --database-url, on your database, inside one transaction"
        + " that is always rolled back."},
    footer = {"", "Exit codes: 0 every migration ran and the server did what lockstep predicted; 1 a migration"
        + " failed or the server did something other than predicted; 2 usage, configuration or input error, or the"
        + " trace could not run (no server binaries, database unreachable, a statement refused on a database that"
        + " is not disposable); 70 internal error."})
public final class TraceCommand implements Callable<Integer> {
  private final Environment env;
  private final Supplier<LintService> service;

  @Parameters(paramLabel = "PATH", arity = "0..*",
      description = "Migration directories or files (default: the current directory). For a file, the migrations"
          + " before it are replayed first without being reported.")
  List<String> paths = new ArrayList<>();

  @Option(names = "--database-url", paramLabel = "URL", description = "Trace on this database instead of an"
      + " embedded server: jdbc:postgresql://host:port/db?user=u&password=p or postgres://user:password@host:port/db."
      + " Everything runs in one transaction that is rolled back; statements that cannot run in a transaction"
      + " block are refused.")
  String databaseUrl;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "Output format: text or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
      description = "Color the text report: auto, always or never (default: ${DEFAULT-VALUE}; auto colors"
          + " when standard output is a terminal and NO_COLOR is not set).")
  String color;

  @Mixin
  ProjectOptions project = new ProjectOptions();

  TraceCommand(Environment env, Supplier<LintService> service) {
    this.env = env;
    this.service = service;
  }

  @Override
  public Integer call() throws IOException {
    String fmt = LintCommand.choice("--format", format, List.of("text", "json"));
    String colorWhen = LintCommand.choice("--color", color, LintCommand.COLORS);
    Optional<Integer> pgVersion = project.pgVersion();
    if (pgVersion.isPresent() && databaseUrl != null) {
      throw new UsageException("--pg-version and --database-url exclude each other: on your database the"
          + " server's own version is used");
    }
    Optional<DatabaseUrl> url = Optional.empty();
    if (databaseUrl != null) {
      try {
        url = Optional.of(DatabaseUrl.parse(databaseUrl));
      } catch (IllegalArgumentException e) {
        throw new UsageException("invalid --database-url: " + e.getMessage(), e);
      }
    }
    List<Path> inputs = new ArrayList<>();
    for (String p : paths.isEmpty() ? List.of(".") : paths) {
      Path path = env.resolve(p);
      if (!Files.exists(path)) {
        throw new UsageException("no such file or directory: " + p);
      }
      inputs.add(path);
    }
    RuleRegistry registry = Services.ruleRegistry();
    OptionsResolver.Resolved resolved;
    try {
      resolved = new OptionsResolver(registry).resolve(project.config(env), inputs.get(0),
          new OptionsResolver.Overrides(pgVersion, project.tool(), List.of(), List.of()));
    } catch (ConfigException | OptionsResolver.InvalidOptionException e) {
      throw new UsageException(e.getMessage(), e);
    }
    LintOptions options = resolved.options();

    Tracer tracer = new Tracer(service.get().engine());
    TraceResult result;
    Path logDir = Files.createTempDirectory("lockstep-trace-");
    boolean keepLogs = false;
    try {
      Tracer.Target target;
      if (url.isPresent()) {
        env.err().println("lockstep: tracing on " + url.get().display() + " (one transaction, rolled back)");
        target = new Tracer.UserDatabase(url.get());
      } else {
        env.err().println("lockstep: starting an embedded PostgreSQL " + options.serverVersion() + " server");
        PgBinaries binaries = PgBinaries.forEnvironment(env.env())
            .notifying(m -> env.err().println("lockstep: " + m));
        target = new Tracer.Embedded(options.serverVersion(), binaries, logDir);
      }
      result = tracer.trace(inputs, options, target);
    } catch (Tracer.TraceException e) {
      keepLogs = e.getMessage().contains(logDir.toString());
      env.err().println("lockstep: " + e.getMessage());
      return ExitCodes.USAGE;
    } finally {
      if (!keepLogs) {
        FileTrees.delete(logDir);
      }
    }

    boolean useColor = fmt.equals("text") && (colorWhen.equals("always") || (colorWhen.equals("auto")
        && env.stdoutIsTerminal() && !env.env().containsKey("NO_COLOR") && !"dumb".equals(env.env().get("TERM"))));
    ReportContext ctx = new ReportContext(options.rules(), env.workDir(), env.workDir(), useColor, Project.version());
    Writer w = new BufferedWriter(new OutputStreamWriter(env.out(), StandardCharsets.UTF_8));
    if (fmt.equals("json")) {
      TraceReporter.json(result, ctx, w);
      for (Problem p : result.problems()) {
        env.err().println("lockstep: " + ctx.problemPath(p.path()) + ": " + p.message());
      }
    } else {
      TraceReporter.text(result, ctx, w);
    }
    w.flush();
    if (result.problems().stream().anyMatch(Problems::isBlocking) || result.files().isEmpty()) {
      if (result.files().isEmpty() && result.problems().isEmpty()) {
        env.err().println("lockstep: no migrations found to trace");
      }
      return ExitCodes.USAGE;
    }
    return !result.failures().isEmpty() || result.hasDifferences() ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

}
