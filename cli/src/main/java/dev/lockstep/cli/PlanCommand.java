package dev.lockstep.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lockstep.core.engine.StatementResult;
import dev.lockstep.core.plan.MigrationLayout;
import dev.lockstep.core.rule.Finding;
import dev.lockstep.core.rule.Plan;
import dev.lockstep.core.rule.PlanStep;
import dev.lockstep.core.service.LintService;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lockstep plan}: the expand/contract plans for a migration or one of its statements. */
@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = LockstepCommand.Version.class,
    sortOptions = false,
    description = {"Print the staged, safe alternative for each risky statement of a migration: the migration files"
        + " to create in your tool's layout (with their SQL) and the deploys and waits between them.",
        "With --write, create the files (an existing file is never overwritten)."},
    footer = {"", "Exit codes: 0 plans printed or written (or none needed); 1 a file to write already exists;"
        + " 2 usage, configuration or input error; 70 internal error."})
public final class PlanCommand implements Callable<Integer> {
  private final Environment env;
  private final Supplier<LintService> service;

  @Parameters(index = "0", paramLabel = "PATH[:LINE]",
      description = "The migration file, optionally with a line to plan only the statement there.")
  String target;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "Output format: text or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--write", description = "Create the migration files of the plans in the project.")
  boolean write;

  @Mixin
  ProjectOptions project = new ProjectOptions();

  PlanCommand(Environment env, Supplier<LintService> service) {
    this.env = env;
    this.service = service;
  }

  /** A finding with a plan, where it is. */
  record Planned(Finding finding, int line, int column) {}

  @Override
  public Integer call() throws IOException {
    String fmt = LintCommand.choice("--format", format, List.of("text", "json"));
    MigrationTarget t = MigrationTarget.load(env, service.get(), target, project);
    List<Planned> planned = planned(t);
    if (fmt.equals("json")) {
      json(t, planned);
    } else {
      text(t, planned);
    }
    if (!write) {
      return ExitCodes.OK;
    }
    return write(t, planned) ? ExitCodes.OK : ExitCodes.FINDINGS;
  }

  /** Findings of the file (or of the statement at the asked line) that carry a plan, without repeats. */
  static List<Planned> planned(MigrationTarget t) {
    List<Planned> out = new ArrayList<>();
    List<Plan> seen = new ArrayList<>();
    var lines = t.result().lines();
    for (Finding f : t.result().findings()) {
      if (f.plan().isEmpty() || seen.contains(f.plan().get())) {
        continue;
      }
      Optional<StatementResult> st = t.result().statements().stream()
          .filter(s -> s.index() == f.statementIndex()).findFirst();
      int start = st.map(s -> s.span().start()).orElse(f.span().start());
      int end = st.map(s -> s.span().end()).orElse(f.span().end());
      if (!t.selects(f.statementIndex(), start, end)) {
        continue;
      }
      seen.add(f.plan().get());
      out.add(new Planned(f, lines.line(f.span().start()) + 1, lines.column(f.span().start()) + 1));
    }
    if (out.stream().anyMatch(p -> !wholeMigration(p))) {
      // The statement plans already move the slow statements out of the transaction; a plan that
      // replaces the whole migration would repeat them (lockstep lint shows it).
      out.removeIf(PlanCommand::wholeMigration);
    }
    return out.size() > 1 ? oneAfterAnother(t, out) : out;
  }

  private static boolean wholeMigration(Planned p) {
    return p.finding().plan().get().title().endsWith(dev.lockstep.core.plan.ExpandContract.WHOLE_MIGRATION);
  }

  /**
   * Each plan numbers its files from the migration on; several plans of one migration are moved
   * one after the other, so that their files never share a version.
   */
  private static List<Planned> oneAfterAnother(MigrationTarget t, List<Planned> planned) {
    MigrationLayout layout = MigrationLayout.of(t.result().tool(), t.result().path());
    List<Planned> out = new ArrayList<>();
    int k = 0;
    for (Planned p : planned) {
      List<PlanStep> steps = new ArrayList<>();
      for (PlanStep s : p.finding().plan().get().steps()) {
        if (s.kind() == PlanStep.Kind.MIGRATION && s.path().isPresent()) {
          k++;
          Optional<String> moved = layout.renumber(s.path().get(), k);
          steps.add(new PlanStep(s.kind(), s.title(), moved.isPresent() ? moved : s.path(), s.sql(), s.why()));
        } else {
          steps.add(s);
        }
      }
      Finding f = p.finding();
      Plan plan = new Plan(f.plan().get().title(), steps);
      out.add(new Planned(new Finding(f.ruleId(), f.severity(), f.message(), f.help(), f.statementIndex(), f.span(),
          f.fix(), Optional.of(plan)), p.line(), p.column()));
    }
    return out;
  }

  private void text(MigrationTarget t, List<Planned> planned) {
    PrintStream out = env.out();
    if (planned.isEmpty()) {
      long findings = t.result().findings().stream()
          .filter(f -> t.line().isEmpty() || t.selects(f.statementIndex(), f.span().start(), f.span().end()))
          .count();
      String where = t.line().isPresent() ? "the statement at line " + t.line().get() : relative(t.file());
      out.println(findings == 0 ? "No plans: " + where + " has no risky change."
          : "No plans: lockstep has no staged plan for the " + findings + (findings == 1 ? " finding" : " findings")
              + " of " + where + " (see lockstep lint for how to fix them).");
      return;
    }
    for (Planned p : planned) {
      Plan plan = p.finding().plan().get();
      out.println(relative(t.file()) + ":" + p.line() + ":" + p.column() + ": " + p.finding().ruleId());
      out.println("Plan: " + plan.title());
      out.println(wholeMigration(p) ? "  Instead of the whole migration (delete " + relative(t.file())
          + " if it has not run anywhere yet):" : "  Instead of this statement (remove it from " + relative(t.file())
          + " if it has not run anywhere yet):");
      int n = 1;
      for (PlanStep s : plan.steps()) {
        out.println();
        out.println("  " + n++ + ". [" + s.kind().id() + "] " + s.title());
        s.path().ifPresent(path -> out.println("     file: " + relative(t.projectRoot().resolve(path).normalize())));
        out.println("     why: " + s.why());
        s.sql().ifPresent(sql -> {
          for (String l : sql.split("\n", -1)) {
            if (!l.isEmpty()) {
              out.println("       " + l);
            }
          }
        });
      }
      out.println();
    }
    out.flush();
  }

  private void json(MigrationTarget t, List<Planned> planned) throws IOException {
    Writer w = new OutputStreamWriter(env.out(), StandardCharsets.UTF_8);
    JsonGenerator g = new JsonFactory().createGenerator(w).useDefaultPrettyPrinter();
    g.writeStartObject();
    g.writeStringField("file", relative(t.file()));
    g.writeStringField("tool", t.result().tool().id());
    g.writeNumberField("pgVersion", t.options().serverVersion());
    g.writeArrayFieldStart("plans");
    for (Planned p : planned) {
      g.writeStartObject();
      g.writeStringField("ruleId", p.finding().ruleId());
      g.writeNumberField("line", p.line());
      g.writeNumberField("column", p.column());
      g.writeStringField("message", p.finding().message());
      g.writeFieldName("plan");
      writePlan(g, p.finding().plan().get(), path -> relative(t.projectRoot().resolve(path).normalize()));
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.flush();
    w.write("\n");
    w.flush();
  }

  /** {@code {"title": ..., "steps": [{"kind", "title", "path", "sql", "why"}]}}, paths mapped by {@code paths}. */
  static void writePlan(JsonGenerator g, Plan plan, java.util.function.UnaryOperator<String> paths)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("title", plan.title());
    g.writeArrayFieldStart("steps");
    for (PlanStep s : plan.steps()) {
      g.writeStartObject();
      g.writeStringField("kind", s.kind().id());
      g.writeStringField("title", s.title());
      if (s.path().isPresent()) {
        g.writeStringField("path", paths.apply(s.path().get()));
      } else {
        g.writeNullField("path");
      }
      if (s.sql().isPresent()) {
        g.writeStringField("sql", s.sql().get());
      } else {
        g.writeNullField("sql");
      }
      g.writeStringField("why", s.why());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** Creates the files; false when one was left alone because it (or its version) already exists. */
  private boolean write(MigrationTarget t, List<Planned> planned) throws IOException {
    MigrationLayout layout = MigrationLayout.of(t.result().tool(), t.result().path());
    Map<Path, String> files = new LinkedHashMap<>();
    List<String> unplaced = new ArrayList<>();
    for (Planned p : planned) {
      for (PlanStep s : p.finding().plan().get().steps()) {
        if (s.kind() != PlanStep.Kind.MIGRATION || s.sql().isEmpty()) {
          continue;
        }
        if (s.path().isEmpty()) {
          unplaced.add(s.title());
          continue;
        }
        files.putIfAbsent(t.projectRoot().resolve(s.path().get()).normalize(), s.sql().get());
        boolean nonTx = layout.isNonTransactional(s.sql().get()) || s.path().get().contains(".autocommit.");
        layout.companions(s.path().get(), !nonTx)
            .forEach((path, content) -> files.putIfAbsent(t.projectRoot().resolve(path).normalize(), content));
      }
    }
    boolean ok = true;
    for (Map.Entry<Path, String> e : files.entrySet()) {
      Path path = e.getKey();
      String shown = relative(path);
      if (Files.exists(path)) {
        env.err().println("lockstep: " + shown + " already exists; not overwritten");
        ok = false;
        continue;
      }
      Optional<Path> clash = versionClash(layout, path);
      if (clash.isPresent()) {
        env.err().println("lockstep: not writing " + shown + ": its version is already used by "
            + relative(clash.get()) + "; renumber the plan's files after the last migration");
        ok = false;
        continue;
      }
      Files.createDirectories(path.getParent());
      Files.writeString(path, e.getValue(), StandardCharsets.UTF_8);
      env.out().println("created " + shown);
    }
    for (String title : unplaced) {
      env.err().println("lockstep: no file name for step '" + title + "': " + t.result().path()
          + " does not follow the tool's naming; create it by hand");
    }
    env.out().flush();
    return ok;
  }

  /**
   * Another migration that already uses the version of {@code path}, for tools whose versions must
   * be unique (all but Prisma, whose folder names only need to sort).
   */
  static Optional<Path> versionClash(MigrationLayout layout, Path path) throws IOException {
    if (layout.tool() == dev.lockstep.core.project.MigrationTool.PRISMA) {
      return Optional.empty();
    }
    boolean inFolder = path.getFileName().toString().matches("(up|down)\\.sql");
    Path file = inFolder ? path.getParent() : path;
    Path dir = file.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return Optional.empty();
    }
    String version = versionOf(file.getFileName().toString());
    try (Stream<Path> siblings = Files.list(dir)) {
      return siblings.filter(p -> !p.equals(file) && versionOf(p.getFileName().toString()).equals(version))
          .filter(p -> !sameMigration(p.getFileName().toString(), file.getFileName().toString()))
          .findFirst();
    }
  }

  private static String versionOf(String name) {
    int i = name.startsWith("V") ? name.indexOf("__") : name.indexOf('_');
    return i < 0 ? name : name.substring(0, i);
  }

  /** {@code x.up.sql} and {@code x.down.sql} are one migration. */
  private static boolean sameMigration(String a, String b) {
    return stem(a).equals(stem(b));
  }

  private static String stem(String name) {
    return name.replaceAll("(\\.autocommit)?\\.(up|down)\\.sql$", "").replaceAll("\\.sql$", "");
  }

  private String relative(Path p) {
    p = p.toAbsolutePath().normalize();
    Path wd = env.workDir().toAbsolutePath().normalize();
    return p.startsWith(wd) ? wd.relativize(p).toString().replace('\\', '/') : p.toString();
  }
}
