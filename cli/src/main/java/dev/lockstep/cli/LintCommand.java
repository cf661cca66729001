package dev.lockstep.cli;

import dev.lockstep.cli.report.Paths;
import dev.lockstep.cli.report.Problems;
import dev.lockstep.cli.report.ReportContext;
import dev.lockstep.cli.report.Reporter;
import dev.lockstep.core.config.ConfigException;
import dev.lockstep.core.engine.LintResult;
import dev.lockstep.core.engine.Problem;
import dev.lockstep.core.rule.RuleRegistry;
import dev.lockstep.core.rule.Severity;
import dev.lockstep.core.service.LintOptions;
import dev.lockstep.core.service.LintService;
import dev.lockstep.core.service.OptionsResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lockstep lint}: lint migrations and report. */
@Command(name = "lint", mixinStandardHelpOptions = true, versionProvider = LockstepCommand.Version.class,
    sortOptions = false,
    description = {"Lint migration files: predict what each statement does on a live PostgreSQL database and"
        + " report what would block traffic, rewrite tables or break running code."},
    footer = {"", "Exit codes: 0 no findings at or above --fail-on; 1 findings at or above --fail-on;"
        + " 2 usage, configuration or input error (a path that does not exist, an unreadable file,"
        + " an invalid lockstep.yaml, an unknown rule id); 70 internal error."})
public final class LintCommand implements Callable<Integer> {
  public static final List<String> FORMATS = List.of("text", "json", "sarif", "github", "gitlab", "junit", "markdown");
  static final List<String> COLORS = List.of("auto", "always", "never");

  private final Environment env;

  @Parameters(paramLabel = "PATH", arity = "0..*",
      description = "Migration directories or files (default: the current directory).")
  List<String> paths = new ArrayList<>();

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "Output format: text, json, sarif, github (workflow annotations), gitlab (Code Quality"
          + " report), junit (JUnit XML) or markdown (a pull request comment) (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of"
      + " standard output.")
  String output;

  @Option(names = "--fail-on", paramLabel = "LEVEL", description = "Exit with 1 when a finding is at least this"
      + " severe: error, warning or never (default: fail-on from lockstep.yaml, else error).")
  String failOn;

  @Mixin
  ProjectOptions project = new ProjectOptions();

  @Option(names = "--rule", paramLabel = "ID", description = "Run only this rule (repeatable).")
  List<String> rules = new ArrayList<>();

  @Option(names = "--exclude-rule", paramLabel = "ID", description = "Do not run this rule (repeatable).")
  List<String> excludeRules = new ArrayList<>();

  @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
      description = "Color the text report: auto, always or never (default: ${DEFAULT-VALUE}; auto colors"
          + " when standard output is a terminal and NO_COLOR is not set).")
  String color;

  @Option(names = "--fix", description = "Apply the automatic fixes (CONCURRENTLY, NOT VALID, lock_timeout, ...) to"
      + " the files in place, lint again, and report what is left. Staged changes that need new migration files"
      + " are not applied: see 'lockstep plan'.")
  boolean fix;

  @Option(names = "--changed-since", paramLabel = "REF", description = "Lint only the migrations added or changed"
      + " since git REF (committed, staged, unstaged or untracked; on a pull request: its base branch), with the"
      + " whole history as context.")
  String changedSince;

  @Option(names = "--stdin", description = "Lint the SQL read from standard input instead of files (for editors"
      + " and scripts): alone, or with --stdin-filename as that file, within its folder's history.")
  boolean stdin;

  @Option(names = "--stdin-filename", paramLabel = "PATH", description = "With --stdin: the migration file the"
      + " text stands for. It need not exist: a migration not created yet takes the place its name gives it in"
      + " the history. Nothing is written. It also picks the lockstep.yaml (default: the text is shown as <stdin>"
      + " and linted alone).")
  String stdinFilename;

  private final Supplier<LintService> service;

  LintCommand(Environment env, Supplier<LintService> service) {
    this.env = env;
    this.service = service;
  }

  @Override
  public Integer call() throws IOException {
    Reporter.Format fmt = Reporter.Format.valueOf(choice("--format", format, FORMATS).toUpperCase(Locale.ROOT));
    String colorWhen = choice("--color", color, COLORS);
    Optional<Integer> pgVersion = project.pgVersion();
    Optional<String> failOnFlag = Optional.ofNullable(failOn).map(v -> choice("--fail-on", v, failOnValues()));

    if (stdinFilename != null && !stdin) {
      throw new UsageException("--stdin-filename needs --stdin");
    }
    if (stdin) {
      for (String[] clash : new String[][] {{"PATH arguments", paths.isEmpty() ? null : ""},
          {"--fix", fix ? "" : null}, {"--changed-since", changedSince}}) {
        if (clash[1] != null) {
          throw new UsageException("--stdin cannot be used with " + clash[0]);
        }
      }
    }
    List<Path> inputs = new ArrayList<>();
    if (stdin) {
      inputs.add(stdinFilename == null ? env.workDir().resolve(STDIN_NAME) : env.resolve(stdinFilename));
      if (Files.isDirectory(inputs.get(0))) {
        throw new UsageException("--stdin-filename " + stdinFilename + " is a directory; name the migration file");
      }
    }
    // A path that does not exist is reported by discovery ("no such file or directory"), a
    // blocking problem: the run goes on for the other paths and exits with 2.
    for (String p : stdin ? List.<String>of() : paths.isEmpty() ? List.of(".") : paths) {
      inputs.add(env.resolve(p));
    }

    RuleRegistry registry = Services.ruleRegistry();
    OptionsResolver resolver = new OptionsResolver(registry);
    OptionsResolver.Overrides overrides = new OptionsResolver.Overrides(pgVersion, project.tool(), rules,
        excludeRules);
    OptionsResolver.Resolved resolved;
    try {
      resolved = resolver.resolve(project.config(env), inputs.get(0), overrides);
    } catch (ConfigException e) {
      throw new UsageException(e.getMessage(), e);
    } catch (OptionsResolver.InvalidOptionException e) {
      throw new UsageException(e.getMessage(), e);
    }
    String failLevel = failOnFlag.orElse(resolved.failOn().orElse("error"));

    LintOptions options = resolved.options();
    if (changedSince != null) {
      options = ChangedFiles.since(env.workDir(), env.env(), changedSince).restrict(options);
    }
    LintResult result = stdin ? lintStandardInput(inputs.get(0), options) : service.get().lint(inputs, options);
    if (fix) {
      int fixes = 0;
      for (int pass = 0; pass < 5; pass++) {
        FixApplier.Applied applied = FixApplier.apply(result);
        if (applied.fixes() == 0) {
          break;
        }
        fixes += applied.fixes();
        result = service.get().lint(inputs, options);
      }
      if (fixes > 0) {
        env.err().println("lockstep: applied " + fixes + (fixes == 1 ? " fix" : " fixes")
            + "; the report below is for the fixed files");
      }
    }

    Path sourceRoot = Paths.gitRoot(env.workDir()).orElse(env.workDir());
    boolean toFile = output != null;
    boolean useColor = fmt == Reporter.Format.TEXT && !toFile && (colorWhen.equals("always")
        || (colorWhen.equals("auto") && env.stdoutIsTerminal() && !env.env().containsKey("NO_COLOR")
            && !"dumb".equals(env.env().get("TERM"))));
    ReportContext ctx = new ReportContext(resolved.options().rules(), env.workDir(), sourceRoot, useColor,
        Project.version());
    Reporter reporter = Reporter.forFormat(fmt);
    if (toFile) {
      Path out = env.resolve(output);
      try (java.io.OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
        reporter.write(result, ctx, o);
      } catch (IOException e) {
        throw new UsageException("cannot write " + output + ": " + e.getMessage(), e);
      }
    } else {
      java.io.OutputStream o = new java.io.BufferedOutputStream(env.out(), 1 << 16);
      reporter.write(result, ctx, o);
      o.flush();
    }
    if (fmt != Reporter.Format.TEXT || toFile) {
      for (Problem p : result.problems()) {
        env.err().println("lockstep: " + ctx.problemPath(p.path()) + ": " + p.message());
      }
    }

    if (result.problems().stream().anyMatch(Problems::isBlocking)) {
      return ExitCodes.USAGE;
    }
    return failed(result, failLevel) ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  /** How a text read from standard input is shown when no --stdin-filename names it. */
  static final String STDIN_NAME = "<stdin>";

  /** Lints standard input as {@code path}; text that is not UTF-8 is read as ISO-8859-1 and reported. */
  private LintResult lintStandardInput(Path path, LintOptions options) throws IOException {
    byte[] bytes = env.in().readAllBytes();
    String display = stdinFilename == null ? STDIN_NAME : Paths.slashes(env.workDir().relativize(path));
    List<Problem> decoding = new ArrayList<>();
    String text = LintService.decode(bytes, display, decoding);
    LintResult r = stdinFilename == null
        ? service.get().lintAlone(path, display, text, options)
        : service.get().lintText(path, text, options);
    if (decoding.isEmpty()) {
      return r;
    }
    List<Problem> problems = new ArrayList<>(r.problems());
    problems.addAll(decoding);
    return new LintResult(r.files(), problems, r.serverVersion());
  }

  static boolean failed(LintResult result, String failLevel) {
    switch (failLevel) {
      case "never":
        return false;
      case "warning":
        return result.count(Severity.WARNING) > 0;
      default:
        return result.count(Severity.ERROR) > 0;
    }
  }

  private static List<String> failOnValues() {
    return List.of("error", "warning", "never");
  }

  static String choice(String option, String value, List<String> valid) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (!valid.contains(v)) {
      throw new UsageException("invalid " + option + " '" + value + "'; valid values: " + String.join(", ", valid));
    }
    return v;
  }
}
