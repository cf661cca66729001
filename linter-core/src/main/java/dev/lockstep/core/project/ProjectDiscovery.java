package dev.lockstep.core.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.core.ir.RecordHash;
import dev.lockstep.core.source.Dialect;
import dev.lockstep.core.source.Token;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds migration histories below the given paths, the tool that runs each, their order, dialect
 * and execution model.
 *
 * <h2>Layouts, in the order they are tried for each directory</h2>
 *
 * <ol>
 *   <li><b>Prisma</b>: a directory with {@code migration_lock.toml}, or whose sub-directories
 *       {@code <number>_<name>/} hold a {@code migration.sql}. Ordered by folder name (as Prisma
 *       does). Dialect from the lock file's {@code provider}.
 *   <li><b>diesel</b>: sub-directories {@code <version>_<name>/} holding {@code up.sql} (and {@code
 *       down.sql}); version = the part before the first {@code _} without dashes, compared as
 *       text. {@code metadata.toml} with {@code run_in_transaction = false} makes the migration
 *       autocommit.
 *   <li>For the {@code .sql} files of a directory, by content first, then by names:
 *       <ul>
 *         <li><b>goose</b> if a file has a {@code -- +goose Up} line;
 *         <li><b>dbmate</b> if a file has a {@code -- migrate:up} line;
 *         <li><b>Drizzle</b> if the directory has {@code meta/_journal.json}, is called {@code
 *             drizzle}, or a file contains {@code --> statement-breakpoint}; order from the
 *             journal's {@code entries[].tag}, else by name; dialect from the journal;
 *         <li><b>Supabase</b> for {@code supabase/migrations/<timestamp>_<name>.sql};
 *         <li><b>Flyway</b> for {@code V<version>__<desc>.sql} (versions compared part by part, so
 *             {@code V1_10 > V1_9}; {@code R__} repeatables run after, by description; {@code U}
 *             undo files are down files; {@code B} baseline migrations are ordered with the
 *             versioned ones by version; {@code <file>.sql.conf} with {@code
 *             executeInTransaction=false} makes the script autocommit);
 *         <li><b>popx</b> for {@code <version>_<name>[.<dialect>][.autocommit].(up|down).sql} when
 *             some name has a dialect or autocommit part; for each version and direction the file
 *             of the set's dialect replaces the generic one, other dialects' files are ignored;
 *         <li><b>golang-migrate</b> for {@code <version>_<name>.(up|down).sql}, or <b>sqlx</b> for the
 *             same names when the project shows sqlx hints (a {@code Cargo.toml} mentioning sqlx, a
 *             {@code .sqlx} directory or {@code sqlx-data.json} in the directory or up to three
 *             levels above it). The two layouts are identical on disk; golang-migrate is the
 *             default because it is the more common tool for this naming outside Rust projects;
 *         <li><b>sqlx</b> for {@code <version>_<name>.sql} with sqlx hints.
 *       </ul>
 *   <li><b>plain</b>: every other {@code .sql} (and synapse-style {@code .sql.postgres}) file.
 *       Files are grouped below the nearest directory that is neither version-like ({@code 35},
 *       {@code v1.2}, {@code 3.3.0_schema}) nor named after a dialect ({@code postgres}, {@code
 *       mysql}), and ordered by their relative path with numbers compared numerically.
 * </ol>
 *
 * <p>Files a tool would not run (names that do not match its pattern) become a separate plain set
 * so they are still linted.
 *
 * <h2>Dialect</h2>
 *
 * The dialect override wins for every set. Otherwise: the Prisma lock file or Drizzle journal, the
 * popx file names, the nearest directory name between the set and the input that names a dialect
 * ({@code postgres}, {@code db_mysql}, {@code POSTGRESQL}, {@code jdbc-mysql}), MySQL-only syntax in
 * the files (backquoted table names, {@code ENGINE=}), else PostgreSQL. Sets that are evidently for
 * another database (SQLite, SQL Server, CockroachDB ...) are not linted and are listed in {@link
 * DiscoveryResult#skipped()}.
 *
 * <h2>Walking</h2>
 *
 * Directories called {@code node_modules}, {@code target}, {@code build}, {@code vendor} (Go
 * dependencies, which often carry other projects' test migrations) and dot-directories ({@code
 * .git}, {@code .cache} ...) are skipped below an input directory; an input may itself be such a
 * directory. Symbolic links to directories are not
 * followed. Everything is sorted, so results do not depend on the file system's listing order.
 *
 * <p>Instances are stateless and thread-safe.
 */
public final class ProjectDiscovery {
  private static final int MAX_SNIFF_BYTES = FileContents.SMALL_FILE_BYTES;
  private static final Pattern GOOSE_UP = Pattern.compile("(?im)^\\s*--\\s*\\+goose\\s+up\\b");
  private static final Pattern DBMATE_UP = Pattern.compile("(?im)^\\s*--\\s*migrate:up\\b");
  private static final Pattern DRIZZLE_BREAKPOINT = Pattern.compile("-->\\s*statement-breakpoint");
  private static final Pattern MYSQL_SYNTAX =
      Pattern.compile(
          "(?i)\\b(?:create|alter)\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?`|\\bENGINE\\s*=\\s*InnoDB\\b");
  private static final Pattern PG_SYNTAX =
      Pattern.compile("(?i)\\b(?:create|alter)\\s+table\\s+(?:if\\s+(?:not\\s+)?exists\\s+)?(?:only\\s+)?\"");
  private static final Pattern PRISMA_PROVIDER =
      Pattern.compile("(?m)^\\s*provider\\s*=\\s*\"([^\"]*)\"");
  private static final Pattern DIESEL_NO_TX =
      Pattern.compile("(?m)^\\s*run_in_transaction\\s*=\\s*false\\b");
  private static final Pattern FLYWAY_NO_TX =
      Pattern.compile("(?m)^\\s*executeInTransaction\\s*=\\s*false\\b");
  private static final Set<String> SKIPPED_DIRS = Set.of("node_modules", "target", "build", "vendor");
  private static final Pattern VERSION_LIKE_DIR = Pattern.compile("^[vV]?\\d.*");

  /** Reads Drizzle journals; made on first use, since creating it takes tens of milliseconds at start-up. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  public ProjectDiscovery() {}

  /**
   * Discovers the migration histories of {@code inputs}.
   *
   * <p>A directory input yields every history below it, each with all its forward files as
   * targets. A file input yields the history it belongs to (found by discovering the directory that
   * holds the history: the grandparent of a Prisma {@code migration.sql} or diesel {@code up.sql},
   * else the parent, climbing over version-like and dialect-named directories) with that file as
   * the only target, so the engine can replay the files before it; a file that belongs to no
   * history becomes a one-file set. Histories reached by several inputs are merged.
   *
   * @param toolOverride forces the tool, hence the order and execution model, of every set
   * @param dialectOverride forces the dialect of every set
   */
  public DiscoveryResult discover(
      List<Path> inputs, Optional<MigrationTool> toolOverride, Optional<Dialect> dialectOverride) {
    return discover(inputs, toolOverride, dialectOverride, Optional.empty());
  }

  /**
   * As {@link #discover(List, Optional, Optional)}, with the execution model of plain sets (files
   * whose tool lockstep cannot recognise) set by configuration ({@code execution:} in {@code
   * lockstep.yaml}) instead of {@link MigrationTool#PLAIN}'s default {@link
   * ExecutionModel#AUTOCOMMIT}.
   */
  public DiscoveryResult discover(
      List<Path> inputs,
      Optional<MigrationTool> toolOverride,
      Optional<Dialect> dialectOverride,
      Optional<ExecutionModel> plainExecutionModel) {
    return discover(inputs, toolOverride, dialectOverride, plainExecutionModel, new FileContents());
  }

  /**
   * As {@link #discover(List, Optional, Optional, Optional)}, reading file contents through {@code
   * contents}, so the caller can lint the files without reading them again.
   */
  public DiscoveryResult discover(
      List<Path> inputs,
      Optional<MigrationTool> toolOverride,
      Optional<Dialect> dialectOverride,
      Optional<ExecutionModel> plainExecutionModel,
      FileContents contents) {
    return discover(inputs, toolOverride, dialectOverride, plainExecutionModel, contents, Set.of());
  }

  /**
   * As {@link #discover(List, Optional, Optional, Optional, FileContents)}, with {@code virtualFiles}:
   * files that do not exist on disk (yet) but are taken to, with the contents {@code contents} was
   * {@linkplain FileContents#preload given} for them. A virtual file given as an input is placed in the
   * history of its folder as if it had been written there (standard input named after a migration
   * not created yet).
   */
  public DiscoveryResult discover(
      List<Path> inputs,
      Optional<MigrationTool> toolOverride,
      Optional<Dialect> dialectOverride,
      Optional<ExecutionModel> plainExecutionModel,
      FileContents contents,
      Set<Path> virtualFiles) {
    Run run = new Run(toolOverride, dialectOverride, plainExecutionModel, contents);
    for (Path v : virtualFiles) {
      run.virtual.add(v.toAbsolutePath().normalize());
    }
    for (Path input : inputs) {
      run.input(input);
    }
    return run.result();
  }

  /**
   * The execution model of {@code file} after the directives in its comments; see {@link
   * ExecutionDirectives#effectiveModel}.
   */
  public static ExecutionModel effectiveModel(MigrationFile file, List<Token> comments) {
    return ExecutionDirectives.effectiveModel(file, comments);
  }

  // ---------------------------------------------------------------------------------------------

  private record SetKey(Path root, Dialect dialect, MigrationTool tool) {
    // equals and hashCode written out, not generated: see RecordHash
    @Override
    public boolean equals(Object other) {
      if (this == other) {
        return true;
      }
      if (!(other instanceof SetKey)) {
        return false;
      }
      SetKey o = (SetKey) other;
      return Objects.equals(root, o.root)
          && Objects.equals(dialect, o.dialect)
          && Objects.equals(tool, o.tool);
    }

    @Override
    public int hashCode() {
      return RecordHash.of(root, dialect, tool);
    }
  }

  private record AnalysisKey(Path base, Path displayBase, Optional<Dialect> dialect, int depth) {
    // equals and hashCode written out, not generated: see RecordHash
    @Override
    public boolean equals(Object other) {
      if (this == other) {
        return true;
      }
      if (!(other instanceof AnalysisKey)) {
        return false;
      }
      AnalysisKey o = (AnalysisKey) other;
      return Objects.equals(base, o.base)
          && Objects.equals(displayBase, o.displayBase)
          && Objects.equals(dialect, o.dialect)
          && depth == o.depth;
    }

    @Override
    public int hashCode() {
      return RecordHash.of(base, displayBase, dialect, depth);
    }
  }

  /** The sets found below a folder, with every file (forward or down) indexed by path. */
  private record Analysis(Map<Path, List<Map.Entry<MigrationSet, MigrationFile>>> byPath) {
    static Analysis of(List<MigrationSet> sets) {
      Map<Path, List<Map.Entry<MigrationSet, MigrationFile>>> index = new HashMap<>();
      for (MigrationSet s : sets) {
        for (List<MigrationFile> files : List.of(s.files(), s.downFiles())) {
          for (MigrationFile f : files) {
            index.computeIfAbsent(f.path(), p -> new ArrayList<>()).add(Map.entry(s, f));
          }
        }
      }
      return new Analysis(index);
    }
  }

  private static final Comparator<SetKey> KEY_ORDER =
      Comparator.comparing((SetKey k) -> k.root().toString(), NaturalOrder.INSTANCE)
          .thenComparing(SetKey::dialect)
          .thenComparing(SetKey::tool);

  /** A group of files one tool runs, before dialect and order are settled. */
  private record Group(
      Path root,
      MigrationTool detected,
      List<Path> files,
      Optional<Dialect> evidence,
      Optional<String> unsupported,
      Optional<List<String>> journal) {}

  /** Per-call state: caches and collected output. */
  private static final class Run {
    final Optional<MigrationTool> toolOverride;
    final Optional<Dialect> dialectOverride;
    final Optional<ExecutionModel> plainExecutionModel;
    final Map<SetKey, MigrationSet> sets = new TreeMap<>(KEY_ORDER);
    final Map<SetKey, Set<Path>> targets = new HashMap<>();
    final List<InputProblem> problems = new ArrayList<>();
    final Map<Path, InputProblem> skipped = new TreeMap<>();
    final Map<Path, byte[]> heads = new HashMap<>();
    final Map<Path, String> contentCache = new HashMap<>();
    final Map<AnalysisKey, Analysis> analyses = new HashMap<>();
    final FileContents contents;
    /** Per directory: its project root, and whether it is a Prisma/diesel per-migration folder. */
    final Map<Path, Path> projectRoots = new HashMap<>();
    final Map<Path, Boolean> perMigrationFolders = new HashMap<>();
    /** Files taken to exist although they are not on disk; see {@link ProjectDiscovery#discover}. */
    final Set<Path> virtual = new HashSet<>();
    /**
     * What walking found, so that inputs in folders already walked are not looked up on disk
     * again: the SQL files that are regular files (links followed), and the folders listed.
     */
    final Set<Path> walkedFiles = new HashSet<>();
    final Set<Path> walkedFolders = new HashSet<>();

    Run(
        Optional<MigrationTool> toolOverride,
        Optional<Dialect> dialectOverride,
        Optional<ExecutionModel> plainExecutionModel,
        FileContents contents) {
      this.toolOverride = toolOverride;
      this.dialectOverride = dialectOverride;
      this.plainExecutionModel = plainExecutionModel;
      this.contents = contents;
    }

    Path projectRoot(Path dir) {
      Path root = projectRoots.get(dir);
      if (root == null) {
        root = ProjectDiscovery.projectRoot(dir);
        projectRoots.put(dir, root);
      }
      return root;
    }

    DiscoveryResult result() {
      List<DiscoveryResult.Target> out = new ArrayList<>();
      for (Map.Entry<SetKey, MigrationSet> e : sets.entrySet()) {
        MigrationSet set = e.getValue();
        Set<Path> wanted = targets.getOrDefault(e.getKey(), Set.of());
        List<MigrationFile> t = new ArrayList<>();
        for (MigrationFile f : set.files()) {
          if (wanted.contains(f.path())) {
            t.add(f);
          }
        }
        for (MigrationFile f : set.downFiles()) {
          if (wanted.contains(f.path())) {
            t.add(f);
          }
        }
        out.add(new DiscoveryResult.Target(set, t));
      }
      List<InputProblem> sortedProblems = new ArrayList<>(problems);
      sortedProblems.sort(
          Comparator.comparing((InputProblem p) -> p.path().toString()).thenComparing(InputProblem::message));
      return new DiscoveryResult(out, sortedProblems, List.copyOf(skipped.values()));
    }

    void input(Path input) {
      Path p = input.toAbsolutePath().normalize();
      if (virtual.contains(p) || walkedFiles.contains(p)) {
        fileInput(input, p);
        return;
      }
      BasicFileAttributes attrs = attributes(p);
      if (attrs == null) {
        problems.add(new InputProblem(input, "no such file or directory"));
        return;
      }
      if (attrs.isDirectory()) {
        directoryInput(input, p);
      } else if (attrs.isRegularFile()) {
        fileInput(input, p);
      } else {
        problems.add(new InputProblem(input, "not a regular file or directory"));
      }
    }

    void directoryInput(Path input, Path dir) {
      // A single Prisma/diesel migration folder: lint its files within their history.
      Path parent = dir.getParent();
      if (parent != null && isPerMigrationFolder(dir)) {
        List<Path> files = new ArrayList<>();
        for (String n : List.of("migration.sql", "up.sql", "down.sql")) {
          if (Files.isRegularFile(dir.resolve(n))) {
            files.add(dir.resolve(n));
          }
        }
        for (Path f : files) {
          fileInput(f, f);
        }
        return;
      }
      if (!Files.isReadable(dir)) {
        problems.add(new InputProblem(input, "directory is not readable"));
        return;
      }
      List<MigrationSet> found = analyze(dir, projectRoot(dir), dialectOverride, Integer.MAX_VALUE);
      if (found.isEmpty() && !skippedBelow(dir)) {
        problems.add(new InputProblem(input, "no .sql migration files found"));
      }
      for (MigrationSet s : found) {
        Set<Path> t = new HashSet<>();
        s.files().forEach(f -> t.add(f.path()));
        add(s, t);
      }
    }

    boolean skippedBelow(Path dir) {
      return skipped.keySet().stream().anyMatch(p -> p.startsWith(dir));
    }

    boolean isPerMigrationFolder(Path dir) {
      Boolean known = perMigrationFolders.get(dir);
      if (known == null) {
        known = perMigrationFolderOnDisk(dir);
        perMigrationFolders.put(dir, known);
      }
      return known;
    }

    private boolean perMigrationFolderOnDisk(Path dir) {
      Path parent = dir.getParent();
      if (parent == null) {
        return false;
      }
      boolean prisma = isFile(dir.resolve("migration.sql"));
      boolean diesel = isFile(dir.resolve("up.sql"));
      if (!prisma && !diesel) {
        return false;
      }
      String name = dir.getFileName().toString();
      return FileNames.PREFIXED_DIR.matcher(name).matches()
          || Files.isRegularFile(parent.resolve("migration_lock.toml"));
    }

    /**
     * Whether the SQL file {@code f} is a regular file on disk or a virtual one; looked up on disk
     * only when walking did not list its folder.
     */
    boolean isFile(Path f) {
      return virtual.contains(f) || walkedFiles.contains(f)
          || (!walkedFolders.contains(f.getParent()) && Files.isRegularFile(f));
    }

    void fileInput(Path input, Path file) {
      // A file already read (the inputs are read ahead while discovery runs) was readable.
      if (!virtual.contains(file) && contents.kept(file) == null && !Files.isReadable(file)) {
        problems.add(new InputProblem(input, "file is not readable"));
        return;
      }
      String fileName = file.getFileName().toString();
      Path parent = file.getParent();
      // The directory that holds the file's history, and how deep to look below it: the
      // Prisma/diesel migrations folder (two levels), the folder above version-like or
      // dialect-named folders (all levels), else just the file's folder.
      Path context = parent;
      int depth = 1;
      if ((fileName.equals("migration.sql") || fileName.equals("up.sql") || fileName.equals("down.sql"))
          && parent.getParent() != null
          && isPerMigrationFolder(parent)) {
        context = parent.getParent();
        depth = 2;
      } else {
        while (context.getParent() != null
            && context.getFileName() != null
            && climbable(context.getFileName().toString())) {
          context = context.getParent();
          depth = Integer.MAX_VALUE;
        }
      }
      Optional<Dialect> dialect = dialectOverride;
      if (dialect.isEmpty()) {
        Matcher m = FileNames.POPX.matcher(fileName);
        if (m.matches() && m.group(3) != null) {
          dialect = FileNames.popxDialect(m.group(3));
        }
      }
      Path displayBase = projectRoot(context);
      // Many files of one history given explicitly (pre-commit, xargs) share one analysis.
      AnalysisKey key = new AnalysisKey(context, displayBase, dialect, depth);
      Analysis analysis = analyses.get(key);
      if (analysis == null) {
        analysis = Analysis.of(analyze(context, displayBase, dialect, depth));
        analyses.put(key, analysis);
      }
      boolean member = false;
      for (Map.Entry<MigrationSet, MigrationFile> hit : analysis.byPath().getOrDefault(file, List.of())) {
        add(hit.getKey(), Set.of(hit.getValue().path()));
        member = true;
      }
      if (member) {
        return;
      }
      // Not part of any history (another dialect's file, a non-SQL file ...): lint it alone.
      skipped.remove(file);
      MigrationTool tool = toolOverride.orElse(MigrationTool.PLAIN);
      Dialect d = dialect.orElseGet(() -> dialectOf(List.of(file), parent, displayBase).orElse(Dialect.POSTGRESQL));
      MigrationFile mf = build(tool, file, parent, displayBase, d, FileNames.parse(tool, file, fileName));
      MigrationSet s =
          mf.isUp()
              ? new MigrationSet(parent, tool, d, List.of(mf), List.of())
              : new MigrationSet(parent, tool, d, List.of(), List.of(mf));
      add(s, Set.of(mf.path()));
    }

    void add(MigrationSet set, Set<Path> wanted) {
      SetKey key = new SetKey(set.root(), set.dialect(), set.tool());
      sets.putIfAbsent(key, set);
      targets.computeIfAbsent(key, k -> new HashSet<>()).addAll(wanted);
    }

    // -------------------------------------------------------------------------------------------

    /** Discovers every set below {@code base}; display paths are relative to {@code displayBase}. */
    List<MigrationSet> analyze(Path base, Path displayBase, Optional<Dialect> dialect, int depth) {
      Map<Path, List<Path>> sqlByDir = new TreeMap<>(Comparator.comparing(Path::toString, NaturalOrder.INSTANCE));
      if (Files.isDirectory(base) || virtual.stream().noneMatch(v -> v.startsWith(base))) {
        walk(base, depth, sqlByDir);
      }
      for (Path v : virtual) {
        // where walking the folders would have found it, had it been written
        String name = v.getFileName().toString();
        if (v.startsWith(base) && !v.equals(base) && base.relativize(v).getNameCount() <= depth
            && FileNames.isSqlName(name)) {
          List<Path> files = sqlByDir.computeIfAbsent(v.getParent(), k -> new ArrayList<>());
          if (!files.contains(v)) {
            files.add(v);
            files.sort(Comparator.comparing((Path f) -> f.getFileName().toString(), NaturalOrder.INSTANCE));
          }
        }
      }
      Set<Path> claimed = new HashSet<>();
      List<Group> groups = new ArrayList<>();
      // Directories with SQL files, by parent: the candidates for per-migration folders.
      Map<Path, List<Path>> childrenByParent =
          new TreeMap<>(Comparator.comparing(Path::toString, NaturalOrder.INSTANCE));
      for (Path d : sqlByDir.keySet()) {
        if (d.getParent() != null && d.startsWith(base) && !d.equals(base)) {
          childrenByParent.computeIfAbsent(d.getParent(), x -> new ArrayList<>()).add(d);
        }
      }
      Map<Path, List<Path>> sqlLookup = new HashMap<>(sqlByDir);
      for (Map.Entry<Path, List<Path>> e : childrenByParent.entrySet()) {
        perMigrationFolders(e.getKey(), e.getValue(), sqlLookup, claimed).ifPresent(groups::add);
      }
      for (Map.Entry<Path, List<Path>> e : sqlByDir.entrySet()) {
        List<Path> files = new ArrayList<>();
        for (Path f : e.getValue()) {
          if (!claimed.contains(f)) {
            files.add(f);
          }
        }
        if (!files.isEmpty()) {
          flatFiles(e.getKey(), files, base, dialect, claimed).ifPresent(groups::add);
        }
      }
      // Plain: everything left, grouped by root and dialect.
      Map<Path, List<Path>> plainByRoot = new TreeMap<>(Comparator.comparing(Path::toString, NaturalOrder.INSTANCE));
      for (List<Path> files : sqlByDir.values()) {
        for (Path f : files) {
          if (!claimed.contains(f)) {
            Path root = f.getParent();
            // Files a tool would not run stay next to that tool's set; others climb over
            // version-like and dialect-named directories.
            boolean toolDir = groups.stream().anyMatch(g -> g.root().equals(f.getParent()));
            while (!toolDir
                && !root.equals(base)
                && root.startsWith(base)
                && climbable(root.getFileName().toString())) {
              root = root.getParent();
            }
            plainByRoot.computeIfAbsent(root, r -> new ArrayList<>()).add(f);
          }
        }
      }
      for (Map.Entry<Path, List<Path>> e : plainByRoot.entrySet()) {
        // Bucket by dialect: path evidence first; files without evidence share one decision.
        Map<String, List<Path>> buckets = new TreeMap<>();
        Map<String, Optional<String>> unsupported = new HashMap<>();
        List<Path> undecided = new ArrayList<>();
        for (Path f : e.getValue()) {
          PathDialect pd = pathDialect(f.getParent(), base);
          if (f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql.postgres")) {
            pd = new PathDialect(Optional.of(Dialect.POSTGRESQL), Optional.empty());
          }
          if (pd.unsupported().isPresent() && pd.dialect().isEmpty()) {
            String k = "~" + pd.unsupported().get();
            buckets.computeIfAbsent(k, x -> new ArrayList<>()).add(f);
            unsupported.put(k, pd.unsupported());
          } else if (dialect.isPresent()) {
            buckets.computeIfAbsent(dialect.get().id(), x -> new ArrayList<>()).add(f);
          } else if (pd.dialect().isPresent()) {
            buckets.computeIfAbsent(pd.dialect().get().id(), x -> new ArrayList<>()).add(f);
          } else if (toolEvidence(groups, f.getParent()).isPresent()) {
            // A stray file next to a Prisma/Drizzle set shares that set's dialect.
            buckets.computeIfAbsent(toolEvidence(groups, f.getParent()).get().id(), x -> new ArrayList<>()).add(f);
          } else {
            undecided.add(f);
          }
        }
        if (!undecided.isEmpty()) {
          Dialect d = dialectOf(undecided, e.getKey(), base).orElse(Dialect.POSTGRESQL);
          buckets.computeIfAbsent(d.id(), x -> new ArrayList<>()).addAll(undecided);
        }
        for (Map.Entry<String, List<Path>> b : buckets.entrySet()) {
          Optional<Dialect> evidence =
              Arrays.stream(Dialect.values()).filter(x -> x.id().equals(b.getKey())).findFirst();
          groups.add(
              new Group(
                  e.getKey(),
                  MigrationTool.PLAIN,
                  b.getValue(),
                  evidence,
                  unsupported.getOrDefault(b.getKey(), Optional.empty()),
                  Optional.empty()));
        }
      }
      List<MigrationSet> out = new ArrayList<>();
      for (Group g : groups) {
        out.addAll(build(g, base, displayBase, dialect));
      }
      return out;
    }

    static Optional<Dialect> toolEvidence(List<Group> groups, Path dir) {
      return groups.stream()
          .filter(g -> g.root().equals(dir) && g.evidence().isPresent())
          .map(g -> g.evidence().get())
          .findFirst();
    }

    /** Prisma or diesel: sub-folders each holding one migration. */
    Optional<Group> perMigrationFolders(
        Path dir, List<Path> children, Map<Path, List<Path>> sqlByDir, Set<Path> claimed) {
      List<Path> prisma = new ArrayList<>();
      List<Path> diesel = new ArrayList<>();
      boolean prefixed = false;
      boolean dieselUp = false;
      for (Path child : children) {
        boolean isPrefixed = FileNames.PREFIXED_DIR.matcher(child.getFileName().toString()).matches();
        for (Path f : sqlByDir.get(child)) {
          String n = f.getFileName().toString();
          if (n.equals("migration.sql")) {
            prisma.add(f);
            prefixed |= isPrefixed;
          } else if (n.equals("up.sql") || n.equals("down.sql")) {
            diesel.add(f);
            dieselUp |= n.equals("up.sql");
          }
        }
      }
      Path lock = dir.resolve("migration_lock.toml");
      boolean hasLock = Files.isRegularFile(lock);
      if (!prisma.isEmpty() && (hasLock || prefixed)) {
        claimed.addAll(prisma);
        Optional<Dialect> evidence = Optional.empty();
        Optional<String> unsupported = Optional.empty();
        if (hasLock) {
          Matcher m = PRISMA_PROVIDER.matcher(read(lock).orElse(""));
          if (m.find()) {
            String provider = m.group(1).trim().toLowerCase(Locale.ROOT);
            switch (provider) {
              case "postgresql", "postgres" -> evidence = Optional.of(Dialect.POSTGRESQL);
              case "mysql" -> evidence = Optional.of(Dialect.MYSQL);
              default -> unsupported = Optional.of(provider + " (migration_lock.toml provider)");
            }
          }
        }
        return Optional.of(new Group(dir, MigrationTool.PRISMA, prisma, evidence, unsupported, Optional.empty()));
      }
      if (dieselUp) {
        claimed.addAll(diesel);
        return Optional.of(
            new Group(dir, MigrationTool.DIESEL, diesel, Optional.empty(), Optional.empty(), Optional.empty()));
      }
      return Optional.empty();
    }

    /** The {@code .sql} files directly in {@code dir}: which tool runs them. */
    Optional<Group> flatFiles(
        Path dir, List<Path> files, Path base, Optional<Dialect> dialect, Set<Path> claimed) {
      boolean goose = false;
      boolean dbmate = false;
      boolean breakpoints = false;
      for (Path f : files) {
        // Each marker's ASCII words are looked for in the bytes first: a file is decoded and the
        // regexes run only when it can match (nearly no file can).
        byte[] head = head(f);
        goose |= !goose && containsAsciiIgnoreCase(head, "+goose") && GOOSE_UP.matcher(sniff(f)).find();
        dbmate |= !dbmate && containsAsciiIgnoreCase(head, "migrate:up") && DBMATE_UP.matcher(sniff(f)).find();
        breakpoints |= !breakpoints && containsAscii(head, "statement-breakpoint")
            && DRIZZLE_BREAKPOINT.matcher(sniff(f)).find();
      }
      Path journalFile = dir.resolve("meta").resolve("_journal.json");
      boolean hasJournal = Files.isRegularFile(journalFile);
      String dirName = dir.getFileName() == null ? "" : dir.getFileName().toString();
      Path parent = dir.getParent();
      String parentName = parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();

      MigrationTool tool;
      List<Path> members = new ArrayList<>();
      Optional<Dialect> evidence = Optional.empty();
      Optional<String> unsupported = Optional.empty();
      Optional<List<String>> journal = Optional.empty();
      if (goose) {
        tool = MigrationTool.GOOSE;
        members = matching(MigrationTool.GOOSE, files);
      } else if (dbmate) {
        tool = MigrationTool.DBMATE;
        members = matching(MigrationTool.DBMATE, files);
      } else if (hasJournal || dirName.equals("drizzle") || breakpoints) {
        tool = MigrationTool.DRIZZLE;
        if (hasJournal) {
          Optional<JsonNode> j = readJson(journalFile);
          if (j.isPresent()) {
            String d = j.get().path("dialect").asText("").toLowerCase(Locale.ROOT);
            switch (d) {
              case "postgresql", "postgres", "pg" -> evidence = Optional.of(Dialect.POSTGRESQL);
              case "mysql" -> evidence = Optional.of(Dialect.MYSQL);
              case "" -> {}
              default -> unsupported = Optional.of(d + " (drizzle journal dialect)");
            }
            List<String> tags = new ArrayList<>();
            for (JsonNode entry : j.get().path("entries")) {
              String tag = entry.path("tag").asText("");
              if (!tag.isEmpty()) {
                tags.add(tag);
              }
            }
            if (!tags.isEmpty()) {
              journal = Optional.of(List.copyOf(tags));
            }
          }
        }
        if (journal.isPresent()) {
          Set<String> names = new HashSet<>();
          journal.get().forEach(t -> names.add(t + ".sql"));
          for (Path f : files) {
            if (names.contains(f.getFileName().toString())) {
              members.add(f);
            }
          }
        } else {
          members = files;
        }
      } else if (dirName.equals("migrations")
          && parentName.equals("supabase")
          && !matching(MigrationTool.SUPABASE, files).isEmpty()) {
        tool = MigrationTool.SUPABASE;
        members = matching(MigrationTool.SUPABASE, files);
      } else if (!matching(MigrationTool.FLYWAY, files).isEmpty()) {
        tool = MigrationTool.FLYWAY;
        members = matching(MigrationTool.FLYWAY, files);
      } else if (files.stream().anyMatch(f -> FileNames.hasPopxInfix(f.getFileName().toString()))) {
        tool = MigrationTool.POPX;
        members = matching(MigrationTool.POPX, files);
      } else if (!matching(MigrationTool.GOLANG_MIGRATE, files).isEmpty()) {
        tool = sqlxHints(dir) ? MigrationTool.SQLX : MigrationTool.GOLANG_MIGRATE;
        members = matching(tool, files);
      } else if (sqlxHints(dir) && !matching(MigrationTool.SQLX, files).isEmpty()) {
        tool = MigrationTool.SQLX;
        members = matching(MigrationTool.SQLX, files);
      } else {
        return Optional.empty();
      }
      if (members.isEmpty()) {
        return Optional.empty();
      }
      claimed.addAll(members);
      return Optional.of(new Group(dir, tool, members, evidence, unsupported, journal));
    }

    List<Path> matching(MigrationTool tool, List<Path> files) {
      List<Path> out = new ArrayList<>();
      for (Path f : files) {
        if (FileNames.matches(tool, f)) {
          out.add(f);
        }
      }
      return out;
    }

    boolean sqlxHints(Path dir) {
      Path d = dir;
      for (int i = 0; i < 4 && d != null; i++) {
        Path cargo = d.resolve("Cargo.toml");
        if (Files.isRegularFile(cargo) && read(cargo).orElse("").contains("sqlx")) {
          return true;
        }
        if (Files.isDirectory(d.resolve(".sqlx")) || Files.isRegularFile(d.resolve("sqlx-data.json"))) {
          return true;
        }
        if (Files.exists(d.resolve(".git"))) {
          return false;
        }
        d = d.getParent();
      }
      return false;
    }

    // -------------------------------------------------------------------------------------------

    List<MigrationSet> build(Group g, Path base, Path displayBase, Optional<Dialect> dialect) {
      if (g.unsupported().isPresent()) {
        skip(g.files(), g.unsupported().get());
        return List.of();
      }
      MigrationTool tool = toolOverride.orElse(g.detected());
      List<Dialect> dialects = new ArrayList<>();
      if (dialect.isPresent()) {
        dialects.add(dialect.get());
      } else if (g.evidence().isPresent()) {
        dialects.add(g.evidence().get());
      } else {
        PathDialect pd = pathDialect(g.root(), base);
        if (pd.dialect().isPresent()) {
          dialects.add(pd.dialect().get());
        } else if (g.detected() == MigrationTool.POPX) {
          // One history per dialect the file names mention; generic files belong to each.
          for (Path f : g.files()) {
            Matcher m = FileNames.POPX.matcher(f.getFileName().toString());
            if (m.matches() && m.group(3) != null) {
              FileNames.popxDialect(m.group(3)).filter(x -> !dialects.contains(x)).ifPresent(dialects::add);
            }
          }
          dialects.sort(Comparator.naturalOrder());
        }
        if (dialects.isEmpty()) {
          if (pd.unsupported().isPresent()) {
            skip(g.files(), pd.unsupported().get());
            return List.of();
          }
          dialects.add(dialectOf(g.files(), g.root(), base).orElse(Dialect.POSTGRESQL));
        }
      }
      if (tool == MigrationTool.POPX) {
        List<Path> foreign = new ArrayList<>();
        for (Path f : g.files()) {
          Matcher m = FileNames.POPX.matcher(f.getFileName().toString());
          if (m.matches() && m.group(3) != null && FileNames.popxDialect(m.group(3)).isEmpty()) {
            foreign.add(f);
          }
        }
        if (dialect.isEmpty()) {
          foreign.forEach(
              f -> skipped.put(
                  f,
                  new InputProblem(
                      f, "skipped: popx migration for another database (supported: postgresql, mysql)")));
        }
      }
      List<MigrationSet> out = new ArrayList<>();
      for (Dialect d : dialects) {
        out.add(buildSet(g, tool, d, tool == MigrationTool.POPX ? selectPopx(g.files(), d) : g.files(), displayBase));
      }
      return out;
    }

    void skip(List<Path> files, String what) {
      for (Path f : files) {
        skipped.put(
            f,
            new InputProblem(
                f, "skipped: migrations for " + what + " are not linted (supported: postgresql, mysql)"));
      }
    }

    MigrationSet buildSet(Group g, MigrationTool tool, Dialect d, List<Path> files, Path displayBase) {
      List<Entry> entries = new ArrayList<>();
      for (Path f : files) {
        String rel = relative(g.root(), f);
        FileNames.Parsed parsed = FileNames.parse(tool, f, rel);
        entries.add(new Entry(f, rel, parsed, build(tool, f, g.root(), displayBase, d, parsed)));
      }
      Map<String, Integer> journalIndex = new HashMap<>();
      if (tool == MigrationTool.DRIZZLE && g.journal().isPresent()) {
        List<String> tags = g.journal().get();
        for (int i = 0; i < tags.size(); i++) {
          journalIndex.putIfAbsent(tags.get(i) + ".sql", i);
        }
      }
      entries.sort(order(tool, journalIndex));
      List<MigrationFile> up = new ArrayList<>();
      List<MigrationFile> down = new ArrayList<>();
      for (Entry e : entries) {
        (e.file().isUp() ? up : down).add(e.file());
      }
      return new MigrationSet(g.root(), tool, d, up, down);
    }

    MigrationFile build(MigrationTool tool, Path f, Path root, Path displayBase, Dialect d, FileNames.Parsed parsed) {
      ExecutionModel model =
          tool == MigrationTool.PLAIN ? plainExecutionModel.orElse(tool.defaultExecutionModel()) : tool.defaultExecutionModel();
      if (tool == MigrationTool.POPX && parsed.autocommit()) {
        model = ExecutionModel.AUTOCOMMIT;
      } else if (tool == MigrationTool.DIESEL) {
        Path meta = f.getParent().resolve("metadata.toml");
        if (Files.isRegularFile(meta) && DIESEL_NO_TX.matcher(read(meta).orElse("")).find()) {
          model = ExecutionModel.AUTOCOMMIT;
        }
      } else if (tool == MigrationTool.FLYWAY) {
        Path conf = f.resolveSibling(f.getFileName() + ".conf");
        if (Files.isRegularFile(conf) && FLYWAY_NO_TX.matcher(read(conf).orElse("")).find()) {
          model = ExecutionModel.AUTOCOMMIT;
        }
      }
      return new MigrationFile(
          f, relative(displayBase, f), tool, model, parsed.version(), parsed.name(), parsed.direction(), d);
    }

    /** popx: per version and direction, the file of dialect {@code d}, else the generic file. */
    List<Path> selectPopx(List<Path> files, Dialect d) {
      Map<String, List<Path>> specific = new LinkedHashMap<>();
      Map<String, List<Path>> generic = new LinkedHashMap<>();
      List<Path> other = new ArrayList<>();
      for (Path f : files) {
        Matcher m = FileNames.POPX.matcher(f.getFileName().toString());
        if (!m.matches()) {
          other.add(f);
          continue;
        }
        String key = m.group(1) + "/" + m.group(5);
        if (m.group(3) == null) {
          generic.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        } else if (FileNames.popxDialect(m.group(3)).equals(Optional.of(d))) {
          specific.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
      }
      List<Path> out = new ArrayList<>(other);
      for (Map.Entry<String, List<Path>> e : generic.entrySet()) {
        if (!specific.containsKey(e.getKey())) {
          out.addAll(e.getValue());
        }
      }
      specific.values().forEach(out::addAll);
      return out;
    }

    // -------------------------------------------------------------------------------------------

    /** Collects the SQL files of {@code dir} and of its sub-directories down to {@code depth} levels. */
    void walk(Path dir, int depth, Map<Path, List<Path>> sqlByDir) {
      List<Path> children = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
        for (Path c : ds) {
          children.add(c);
        }
      } catch (IOException | RuntimeException e) {
        problems.add(new InputProblem(dir, "cannot list directory: " + e.getMessage()));
        return;
      }
      List<Map.Entry<String, Path>> named = new ArrayList<>(children.size());
      for (Path c : children) {
        named.add(Map.entry(c.getFileName().toString(), c));
      }
      named.sort(Map.Entry.comparingByKey(NaturalOrder.INSTANCE));
      List<Path> sql = new ArrayList<>();
      for (Map.Entry<String, Path> entry : named) {
        Path c = entry.getValue();
        String name = entry.getKey();
        // One lstat per entry; a second stat only for symbolic links (to files they are followed).
        BasicFileAttributes attrs = attributes(c, LinkOption.NOFOLLOW_LINKS);
        if (attrs != null && attrs.isDirectory()) {
          if (name.startsWith(".") || SKIPPED_DIRS.contains(name)) {
            continue;
          }
          if (depth > 1) {
            walk(c, depth - 1, sqlByDir);
          }
        } else if (FileNames.isSqlName(name)
            && (attrs != null && !attrs.isSymbolicLink() ? attrs.isRegularFile() : Files.isRegularFile(c))) {
          Path file = c.toAbsolutePath().normalize();
          sql.add(file);
          walkedFiles.add(file);
        }
      }
      Path folder = dir.toAbsolutePath().normalize();
      walkedFolders.add(folder);
      if (!sql.isEmpty()) {
        sqlByDir.put(folder, sql);
      }
    }

    /** The first {@link #MAX_SNIFF_BYTES} bytes of {@code f} (no bytes when it cannot be read). */
    byte[] head(Path f) {
      return heads.computeIfAbsent(
          f,
          p -> {
            try {
              return contents.prefix(p, MAX_SNIFF_BYTES);
            } catch (IOException e) {
              return new byte[0];
            }
          });
    }

    /** {@link #head} decoded. */
    String sniff(Path f) {
      return contentCache.computeIfAbsent(f, p -> new String(head(p), StandardCharsets.UTF_8));
    }

    Optional<String> read(Path f) {
      try {
        return Optional.of(Files.readString(f, StandardCharsets.UTF_8));
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }

    Optional<JsonNode> readJson(Path f) {
      try {
        return Optional.of(Json.MAPPER.readTree(f.toFile()));
      } catch (IOException e) {
        problems.add(new InputProblem(f, "cannot read Drizzle journal: " + e.getMessage()));
        return Optional.empty();
      }
    }

    /** MySQL when the files use MySQL-only syntax and no PostgreSQL-only quoting. */
    Optional<Dialect> dialectOf(List<Path> files, Path root, Path base) {
      int mysql = 0;
      for (Path f : files) {
        if (mayUseMysqlSyntax(head(f)) && mysqlSyntax(sniff(f))) {
          mysql++;
        }
      }
      if (mysql == 0) {
        return Optional.empty();
      }
      int pg = 0;
      for (Path f : files) {
        if (containsAscii(head(f), "\"") && pgSyntax(sniff(f))) {
          pg++;
        }
      }
      return mysql > pg ? Optional.of(Dialect.MYSQL) : Optional.empty();
    }
  }

  /** Whether {@code text} creates or alters a table with a backtick-quoted name, or names the InnoDB engine. */
  private static boolean mysqlSyntax(String text) {
    // Both MySQL markers need a backtick or the word ENGINE: skip the regex when neither is there.
    return (text.indexOf('`') >= 0 || containsEngine(text))
        && startsAtWord(MYSQL_SYNTAX, text, "create", "alter", "engine");
  }

  /**
   * Whether the UTF-8 bytes hold what {@link #mysqlSyntax} needs before it can match, a backtick or
   * {@code ENGINE}, {@code engine} or {@code Engine}: one pass over the bytes, without decoding.
   */
  static boolean mayUseMysqlSyntax(byte[] bytes) {
    for (int i = 0, n = bytes.length; i < n; i++) {
      byte c = bytes[i];
      if (c == '`') {
        return true;
      }
      if ((c == 'E' || c == 'e') && i + 6 <= n
          && (matchesAt(bytes, i + 1, "ngine", false) || (c == 'E' && matchesAt(bytes, i + 1, "NGINE", false)))) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code text} creates or alters a table with a double-quoted name. */
  private static boolean pgSyntax(String text) {
    return text.indexOf('"') >= 0 && startsAtWord(PG_SYNTAX, text, "create", "alter");
  }

  private static boolean containsEngine(String text) {
    return text.contains("ENGINE") || text.contains("engine") || text.contains("Engine");
  }

  /**
   * The migration file {@code text} stands for when it is not in any history lockstep can find (an
   * editor buffer never saved, standard input): a file of {@code tool} (plain when absent) linted
   * alone, in {@code dialect}, else MySQL when the text uses MySQL-only syntax and no PostgreSQL-only
   * quoting, else PostgreSQL. Its version, name and direction come from the file name, as for a file
   * on disk.
   *
   * @param path where the file would be (it need not exist)
   * @param displayPath how reports show it
   */
  public static MigrationFile standalone(Path path, String displayPath, String text, Optional<MigrationTool> tool,
      Optional<Dialect> dialect, Optional<ExecutionModel> plainExecutionModel) {
    MigrationTool t = tool.orElse(MigrationTool.PLAIN);
    Dialect d = dialect.orElseGet(() -> mysqlSyntax(text) && !pgSyntax(text) ? Dialect.MYSQL : Dialect.POSTGRESQL);
    FileNames.Parsed parsed = FileNames.parse(t, path, path.getFileName() == null ? "" : path.getFileName().toString());
    Path dir = path.getParent() == null ? path : path.getParent();
    MigrationFile f = new Run(tool, dialect, plainExecutionModel, new FileContents()).build(t, path, dir, dir, d, parsed);
    return new MigrationFile(path, displayPath, f.tool(), f.executionModel(), f.version(), f.name(), f.direction(), d);
  }

  /**
   * {@code pattern.matcher(text).find()} for a pattern every match of which starts with one of
   * {@code words} (lower case ASCII, in any case): the pattern is only tried where such a word
   * starts, instead of at every character.
   */
  static boolean startsAtWord(Pattern pattern, String text, String... words) {
    Matcher m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    int firsts = 0; // bit k: some word starts with 'a' + k
    for (String w : words) {
      firsts |= 1 << (w.charAt(0) - 'a');
    }
    for (int i = 0, n = text.length(); i < n; i++) {
      int k = (text.charAt(i) | 0x20) - 'a'; // the patterns ignore case in ASCII only
      if (k < 0 || k >= 26 || (firsts & (1 << k)) == 0) {
        continue;
      }
      char c = (char) ('a' + k);
      for (String w : words) {
        if (c == w.charAt(0) && text.regionMatches(true, i, w, 0, w.length())) {
          m.region(i, n);
          if (m.lookingAt()) {
            return true;
          }
          break;
        }
      }
    }
    return false;
  }

  /** The attributes of {@code p}, or null when it does not exist or they cannot be read. */
  private static BasicFileAttributes attributes(Path p, LinkOption... options) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, options);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Whether the UTF-8 (or any ASCII-compatible) bytes contain the ASCII {@code needle}. An ASCII
   * character is one byte there and never part of another character's bytes, so this is whether
   * the decoded text contains it.
   */
  static boolean containsAscii(byte[] bytes, String needle) {
    return indexOfAscii(bytes, needle, false) >= 0;
  }

  /** As {@link #containsAscii}, with ASCII letters in any case ({@code needle} in lower case). */
  static boolean containsAsciiIgnoreCase(byte[] bytes, String needle) {
    return indexOfAscii(bytes, needle, true) >= 0;
  }

  private static int indexOfAscii(byte[] bytes, String needle, boolean ignoreCase) {
    int n = needle.length();
    byte first = (byte) needle.charAt(0);
    byte firstUpper = ignoreCase ? (byte) Character.toUpperCase(needle.charAt(0)) : first;
    for (int i = 0, last = bytes.length - n; i <= last; i++) {
      byte b = bytes[i];
      if ((b == first || b == firstUpper) && matchesAt(bytes, i, needle, ignoreCase)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether the ASCII {@code needle} stands in {@code bytes} at {@code at} (which leaves room for
   * it), with its lower-case letters in either case when {@code ignoreCase}.
   */
  private static boolean matchesAt(byte[] bytes, int at, String needle, boolean ignoreCase) {
    for (int k = 0; k < needle.length(); k++) {
      byte c = bytes[at + k];
      char want = needle.charAt(k);
      if (c != want && !(ignoreCase && want >= 'a' && want <= 'z' && c == want - ('a' - 'A'))) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code text} contains {@code needle} (lower case ASCII), ignoring case, without copying. */
  static boolean containsIgnoreCase(String text, String needle) {
    char first = needle.charAt(0);
    char firstUpper = Character.toUpperCase(first);
    return startsAt(text, needle, first) || (firstUpper != first && startsAt(text, needle, firstUpper));
  }

  /** Whether {@code needle} occurs in {@code text}, ignoring case, where {@code text} has {@code c}. */
  private static boolean startsAt(String text, String needle, char c) {
    int n = needle.length();
    int last = text.length() - n;
    for (int i = text.indexOf(c); i >= 0 && i <= last; i = text.indexOf(c, i + 1)) {
      if (text.regionMatches(true, i, needle, 0, n)) {
        return true;
      }
    }
    return false;
  }

  private record Entry(Path path, String rel, FileNames.Parsed parsed, MigrationFile file) {}

  private static Comparator<Entry> order(MigrationTool tool, Map<String, Integer> journalIndex) {
    Comparator<Entry> byRel = Comparator.comparing(Entry::rel, NaturalOrder.INSTANCE);
    Comparator<Entry> primary =
        switch (tool) {
          case PRISMA -> Comparator.comparing(e -> e.path().getParent().getFileName().toString());
          case DIESEL -> Comparator.comparing((Entry e) -> e.parsed().version())
              .thenComparing(e -> e.path().getParent().getFileName().toString());
          case FLYWAY -> Comparator.comparing((Entry e) -> e.parsed().repeatable())
              .thenComparing((a, b) -> FileNames.compareFlywayVersions(a.parsed().version(), b.parsed().version()))
              .thenComparing(e -> e.parsed().name(), NaturalOrder.INSTANCE);
          case DRIZZLE -> Comparator.comparing(
              (Entry e) -> journalIndex.getOrDefault(e.path().getFileName().toString(), Integer.MAX_VALUE));
          case PLAIN -> byRel;
          default -> Comparator.comparing((Entry e) -> e.parsed().version(), NaturalOrder.INSTANCE)
              .thenComparing(e -> e.parsed().name(), NaturalOrder.INSTANCE);
        };
    return primary.thenComparing(byRel).thenComparing(e -> e.path().toString());
  }

  // ---------------------------------------------------------------------------------------------

  private record PathDialect(Optional<Dialect> dialect, Optional<String> unsupported) {}

  private static final Set<String> PG_WORDS = Set.of("postgres", "postgresql", "pg", "pgsql");
  private static final Set<String> MYSQL_WORDS = Set.of("mysql", "mariadb");
  private static final Set<String> OTHER_WORDS =
      Set.of(
          "sqlite", "sqlite3", "mssql", "sqlserver", "oracle", "h2", "cockroach", "cockroachdb",
          "clickhouse", "db2", "hsqldb", "derby", "spanner", "tidb", "yugabyte", "yugabytedb");

  /** The nearest directory name from {@code dir} up to {@code base} (inclusive) naming a dialect. */
  private static PathDialect pathDialect(Path dir, Path base) {
    Path d = dir;
    while (d != null && d.getFileName() != null) {
      for (String word : d.getFileName().toString().toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
        if (PG_WORDS.contains(word)) {
          return new PathDialect(Optional.of(Dialect.POSTGRESQL), Optional.empty());
        }
        if (MYSQL_WORDS.contains(word)) {
          return new PathDialect(Optional.of(Dialect.MYSQL), Optional.empty());
        }
        if (OTHER_WORDS.contains(word)) {
          return new PathDialect(Optional.empty(), Optional.of(word));
        }
      }
      if (d.equals(base) || !d.startsWith(base)) {
        break;
      }
      d = d.getParent();
    }
    return new PathDialect(Optional.empty(), Optional.empty());
  }

  /** Version-like ({@code 35}, {@code v1.2}, {@code 3.3.0_schema}) or dialect-named directories. */
  private static boolean climbable(String name) {
    if (VERSION_LIKE_DIR.matcher(name).matches()) {
      return true;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    return PG_WORDS.contains(lower) || MYSQL_WORDS.contains(lower) || OTHER_WORDS.contains(lower);
  }

  /**
   * The directory display paths are relative to: the nearest directory at or above {@code dir}
   * holding {@code .git} (the repository root), else {@code dir}.
   */
  private static Path projectRoot(Path dir) {
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.exists(d.resolve(".git"))) {
        return d;
      }
    }
    return dir;
  }

  private static String relative(Path base, Path file) {
    if (file.startsWith(base)) {
      // The names of file after those of base: its string after base's and a separator (paths
      // here are absolute and normalized), without building the relative path.
      String b = base.toString();
      String f = file.toString();
      if (f.length() > b.length() && f.startsWith(b)) {
        int from = b.endsWith(java.io.File.separator) ? b.length() : b.length() + 1;
        if (from == b.length() || f.charAt(b.length()) == java.io.File.separatorChar) {
          return f.substring(from).replace(java.io.File.separatorChar, '/');
        }
      }
      String r = base.relativize(file).toString();
      return r.replace(java.io.File.separatorChar, '/');
    }
    return file.toString().replace(java.io.File.separatorChar, '/');
  }
}
