package dev.lockstep.cli;

import dev.lockstep.core.config.ConfigException;
import dev.lockstep.core.engine.FileResult;
import dev.lockstep.core.engine.LintResult;
import dev.lockstep.core.service.LintOptions;
import dev.lockstep.core.service.LintService;
import dev.lockstep.core.service.OptionsResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One migration file named on the command line ({@code PATH} or {@code PATH:LINE}), linted with the
 * whole history before it and the configuration that applies to it.
 *
 * @param file the file on disk
 * @param line the 1-based line asked for, if any
 * @param options the resolved lint options
 * @param result the lint result of the file
 * @param projectRoot the directory that display paths are relative to
 */
record MigrationTarget(Path file, Optional<Integer> line, LintOptions options, FileResult result, Path projectRoot) {
  private static final Pattern WITH_LINE = Pattern.compile("^(.*):(\\d+)$");

  static MigrationTarget load(Environment env, LintService service, String arg, ProjectOptions project) {
    Path path = env.resolve(arg);
    Optional<Integer> line = Optional.empty();
    Matcher m = WITH_LINE.matcher(arg);
    if (!Files.exists(path) && m.matches()) {
      path = env.resolve(m.group(1));
      line = Optional.of(Integer.parseInt(m.group(2)));
    }
    if (!Files.isRegularFile(path)) {
      throw new UsageException("no such migration file: " + arg);
    }
    Optional<Integer> pgVersion = project.pgVersion();
    OptionsResolver resolver = new OptionsResolver(Services.ruleRegistry());
    OptionsResolver.Overrides overrides = new OptionsResolver.Overrides(pgVersion, project.tool(), List.of(),
        List.of());
    OptionsResolver.Resolved resolved;
    try {
      resolved = resolver.resolve(project.config(env), path, overrides);
    } catch (ConfigException | OptionsResolver.InvalidOptionException e) {
      throw new UsageException(e.getMessage(), e);
    }
    LintResult result = service.lint(List.of(path), resolved.options());
    Path abs = path.toAbsolutePath().normalize();
    for (FileResult f : result.files()) {
      if (f.file().toAbsolutePath().normalize().equals(abs)) {
        return new MigrationTarget(abs, line, resolved.options(), f, rootOf(abs, f.path()));
      }
    }
    String why = result.problems().isEmpty() ? "it is not part of a migration history lockstep recognizes"
        : result.problems().get(0).message();
    throw new UsageException("cannot read " + arg + " as a migration: " + why);
  }

  /** The directory {@code displayPath} is relative to. */
  static Path rootOf(Path file, String displayPath) {
    Path root = file;
    for (int i = displayPath.split("/").length; i > 0 && root != null; i--) {
      root = root.getParent();
    }
    return root == null ? file.getParent() : root;
  }

  /** Whether statement {@code index} covers the asked line (always true without a line). */
  boolean selects(int statementIndex, int spanStart, int spanEnd) {
    if (line.isEmpty()) {
      return true;
    }
    var lines = result.lines();
    int first = lines.line(spanStart) + 1;
    int last = lines.line(Math.max(spanStart, spanEnd - 1)) + 1;
    return line.get() >= first && line.get() <= last;
  }
}
