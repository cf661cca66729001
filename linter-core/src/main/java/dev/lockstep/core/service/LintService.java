package dev.lockstep.core.service;

import dev.lockstep.core.catalog.Catalog;
import dev.lockstep.core.catalog.Origin;
import dev.lockstep.core.effects.PgEffectsModel;
import dev.lockstep.core.engine.FileResult;
import dev.lockstep.core.engine.LintEngine;
import dev.lockstep.core.engine.LintResult;
import dev.lockstep.core.engine.PreparedFile;
import dev.lockstep.core.engine.Problem;
import dev.lockstep.core.project.DiscoveryResult;
import dev.lockstep.core.project.FileContents;
import dev.lockstep.core.project.InputProblem;
import dev.lockstep.core.project.MigrationFile;
import dev.lockstep.core.project.ProjectDiscovery;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.recognize.Recognizer;
import dev.lockstep.core.source.Dialect;
import dev.lockstep.core.source.SqlStatement;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one entry point every surface uses: discover, prepare, replay, lint. Pure apart from
 * reading files; thread-safe; reuse one instance.
 */
public final class LintService {
  private final ProjectDiscovery discovery = new ProjectDiscovery();
  private final LintEngine engine;
  private final Optional<PreparedCache> cache;

  public LintService(LintEngine engine) {
    this(engine, Optional.empty());
  }

  private LintService(LintEngine engine, Optional<PreparedCache> cache) {
    this.engine = engine;
    this.cache = cache;
  }

  /**
   * A service over the same engine that keeps, per file, the last prepared (split and recognized)
   * version and reuses it while the file's text is unchanged. Results are identical; a long-lived
   * caller that lints the same history again and again (an editor) skips re-preparing the files
   * that did not change. Memory is bounded by the number of distinct files linted.
   */
  public LintService cachingPreparedFiles() {
    return new LintService(engine, Optional.of(new PreparedCache()));
  }

  /** The service with lockstep's recognizer and PostgreSQL effects model. */
  public static LintService createDefault() {
    Recognizer recognizer = new Recognizer();
    return new LintService(new LintEngine(recognizer::recognize, new PgEffectsModel()));
  }

  public LintEngine engine() {
    return engine;
  }

  /** Lints the migrations found at {@code inputs} (directories or files). */
  public LintResult lint(List<Path> inputs, LintOptions options) {
    return lint(inputs, options, PhaseTimer.NONE);
  }

  /**
   * Lints {@code text} as the migration file at {@code path} (standard input, an editor buffer): within
   * the history of its folder, as if the text had been written there. When the file exists, the text
   * replaces what is on disk for this lint, as an overlay does in {@link #lint(List, LintOptions)}; when
   * it does not exist yet (a migration about to be created), it takes the place in its history that its
   * name gives it. Nothing is written.
   */
  public LintResult lintText(Path path, String text, LintOptions options) {
    Path file = path.toAbsolutePath().normalize();
    Map<Path, String> overlays = new java.util.HashMap<>(options.overlays());
    overlays.put(file, text);
    LintOptions withText = options.withOverlays(overlays);
    if (java.nio.file.Files.isRegularFile(file)) {
      return lint(List.of(file), withText);
    }
    FileContents contents = new FileContents();
    contents.preload(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return lint(List.of(file), withText, PhaseTimer.NONE, contents, java.util.Set.of(file));
  }

  /**
   * Lints {@code text} alone, with no schema before it (standard input with no file name, an editor
   * buffer never saved): see {@link ProjectDiscovery#standalone}. An excluded path gives an empty
   * result.
   *
   * @param path where the file would be, for the exclusions and the paths of plans
   * @param displayPath how reports show it
   */
  public LintResult lintAlone(Path path, String displayPath, String text, LintOptions options) {
    Path file = path.toAbsolutePath().normalize();
    if (options.excluded().test(file)) {
      return new LintResult(List.of(), List.of(), options.serverVersion());
    }
    MigrationFile f = ProjectDiscovery.standalone(file, displayPath, text, options.tool(), options.dialect(),
        options.plainExecutionModel());
    List<FileResult> results = engine.replay(List.of(engine.prepare(f, text)), List.of(true), options.rules(),
        options.serverVersion());
    return new LintResult(results, List.of(), options.serverVersion());
  }

  /**
   * Receives the wall time of each phase of {@link #lint(List, LintOptions, PhaseTimer)}: {@code
   * discover} (finding the histories, while another thread reads and parses the files named as
   * inputs) and {@code replay} (per history: reading, splitting and recognizing the files not
   * parsed yet, then effects, catalog and rules). For benchmarks.
   */
  @FunctionalInterface
  public interface PhaseTimer {
    PhaseTimer NONE = (phase, nanos) -> { };

    void phase(String name, long nanos);
  }

  /** As {@link #lint(List, LintOptions)}, reporting the time of each phase to {@code timer}. */
  public LintResult lint(List<Path> inputs, LintOptions options, PhaseTimer timer) {
    return lint(inputs, options, timer, new FileContents(), java.util.Set.of());
  }

  private LintResult lint(List<Path> inputs, LintOptions options, PhaseTimer timer, FileContents contents,
      java.util.Set<Path> virtualFiles) {
    long start = System.nanoTime();
    // Discovery runs on one thread. Meanwhile another reads the files named as inputs and then
    // splits and recognizes them as PostgreSQL (the dialect of nearly every file), until discovery
    // is done; preparing reuses that work for the files that are PostgreSQL with the same text.
    Map<Path, Ahead> parsedAhead = new ConcurrentHashMap<>();
    java.util.concurrent.atomic.AtomicBoolean discovering = new java.util.concurrent.atomic.AtomicBoolean(true);
    java.util.concurrent.CompletableFuture<Void> ahead = inputs.size() < 2
        ? java.util.concurrent.CompletableFuture.completedFuture(null)
        : java.util.concurrent.CompletableFuture.runAsync(() -> {
          inputs.forEach(contents::prefetch);
          for (int i = 0; i < inputs.size() && discovering.get() && cache.isEmpty()
              && options.overlays().isEmpty(); i++) {
            Path input = inputs.get(i);
            try {
              byte[] bytes = contents.prefix(input, FileContents.SMALL_FILE_BYTES);
              if (bytes.length < FileContents.SMALL_FILE_BYTES) {
                parsedAhead.put(input, new Ahead(bytes, engine.parse(strictUtf8(bytes), Dialect.POSTGRESQL)));
              }
            } catch (IOException | RuntimeException e) {
              // not PostgreSQL after all, or a bug: preparing parses it again and reports it
            }
          }
        });
    DiscoveryResult found;
    try {
      found = discovery.discover(inputs, options.tool(), options.dialect(), options.plainExecutionModel(), contents,
          virtualFiles);
    } finally {
      discovering.set(false);
    }
    ahead.join();
    List<Problem> problems = Collections.synchronizedList(new ArrayList<>());
    for (InputProblem p : found.problems()) {
      problems.add(new Problem(p.path().toString(), p.message()));
    }

    // Every file any history needs, up to the last target of that history.
    List<List<MigrationFile>> histories = new ArrayList<>();
    List<List<Boolean>> targetFlags = new ArrayList<>();
    java.util.Set<Path> linted = new java.util.HashSet<>();
    for (DiscoveryResult.Target t : found.sets()) {
      List<MigrationFile> files = new ArrayList<>(t.set().files());
      java.util.Set<MigrationFile> targets = new java.util.LinkedHashSet<>();
      for (MigrationFile f : t.targets()) {
        // A file shared by several histories (ory popx generic files) is linted once.
        if (!options.excluded().test(f.path()) && linted.add(f.path())) {
          targets.add(f);
        }
      }
      if (targets.isEmpty()) {
        continue;
      }
      List<MigrationFile> history = new ArrayList<>();
      List<Boolean> flags = new ArrayList<>();
      int lastTarget = -1;
      for (int i = 0; i < files.size(); i++) {
        if (targets.contains(files.get(i))) {
          lastTarget = i;
        }
      }
      for (int i = 0; i <= lastTarget; i++) {
        history.add(files.get(i));
        flags.add(targets.contains(files.get(i)));
      }
      // Targets outside the forward history (down files given explicitly) are linted on their own.
      java.util.Set<MigrationFile> inHistory = new java.util.HashSet<>(history);
      for (MigrationFile f : targets) {
        if (!inHistory.contains(f)) {
          history.add(f);
          flags.add(true);
        }
      }
      histories.add(history);
      targetFlags.add(flags);
    }

    long discovered = System.nanoTime();
    timer.phase("discover", discovered - start);
    // A file in several histories (ory popx generic files) is prepared once and kept; any other
    // file is prepared by the thread that replays its history and dropped with it, so the tokens
    // of only the histories in flight are in memory at a time.
    Map<Path, Integer> uses = new java.util.HashMap<>();
    histories.forEach(h -> h.forEach(f -> uses.merge(f.path(), 1, Integer::sum)));
    Map<Path, Optional<PreparedFile>> shared = new ConcurrentHashMap<>();
    // Per history, so the results keep the histories' order whichever thread replays them.
    List<List<FileResult>> results = new ArrayList<>(Collections.nCopies(histories.size(), List.of()));
    // Longest histories first, each taken by the next free thread: one long history started last
    // would otherwise leave the other threads idle at the end.
    Integer[] order = new Integer[histories.size()];
    for (int h = 0; h < order.length; h++) {
      order[h] = h;
    }
    java.util.Arrays.sort(order, Comparator.comparingInt((Integer h) -> histories.get(h).size()).reversed());
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    int threads = Math.min(order.length, java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1);
    java.util.stream.IntStream.range(0, threads).parallel().forEach(w -> {
      for (int k = next.getAndIncrement(); k < order.length; k = next.getAndIncrement()) {
        int h = order[k];
        List<PreparedFile> files = new ArrayList<>();
        List<Boolean> flags = new ArrayList<>();
        for (int i = 0; i < histories.get(h).size(); i++) {
          MigrationFile f = histories.get(h).get(i);
          Optional<PreparedFile> pf = uses.get(f.path()) > 1
              ? shared.computeIfAbsent(f.path(), p -> prepare(f, options, contents, parsedAhead, problems))
              : prepare(f, options, contents, parsedAhead, problems);
          if (pf.isPresent()) {
            files.add(pf.get());
            flags.add(targetFlags.get(h).get(i));
          }
        }
        List<FileResult> replayed = engine.replay(files, flags, options.rules(), options.serverVersion());
        synchronized (results) {
          results.set(h, replayed);
        }
      }
    });
    List<FileResult> sorted = new ArrayList<>();
    results.forEach(sorted::addAll);
    sorted.sort(Comparator.comparing(FileResult::path));
    List<Problem> probs = new ArrayList<>(problems);
    probs.sort(Comparator.comparing(Problem::path));
    timer.phase("replay", System.nanoTime() - discovered);
    return new LintResult(sorted, probs, options.serverVersion());
  }

  /**
   * The schema the migration history has built up just before statement {@code statementIndex} of
   * {@code file} runs (the files before it and the file's own earlier forward statements). Every
   * object carries the {@link dev.lockstep.core.catalog.Origin} of the statement that created it;
   * {@link SchemaSnapshot#fileOf} maps an origin back to its file. Empty when {@code file} is not a
   * migration lockstep can find.
   */
  public Optional<SchemaSnapshot> schemaBefore(Path file, int statementIndex, LintOptions options) {
    Path target = file.toAbsolutePath().normalize();
    FileContents contents = new FileContents();
    DiscoveryResult found = discovery.discover(List.of(target), options.tool(), options.dialect(),
        options.plainExecutionModel(), contents);
    for (DiscoveryResult.Target t : found.sets()) {
      Optional<MigrationFile> mf = t.set().find(target);
      if (mf.isEmpty()) {
        continue;
      }
      List<MigrationFile> files = new ArrayList<>(t.set().history(mf.get()));
      files.add(mf.get());
      Catalog catalog = new Catalog();
      List<Problem> ignored = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        MigrationFile f = files.get(i);
        Optional<String> text = read(f.path(), options, contents, ignored);
        if (text.isEmpty()) {
          continue;
        }
        PreparedFile pf = prepare(f, text.get());
        boolean last = i == files.size() - 1;
        for (int s = 0; s < pf.split().statements().size(); s++) {
          SqlStatement st = pf.split().statements().get(s);
          if (last && st.index() >= statementIndex) {
            break;
          }
          if (!st.section().runsForward()) {
            continue;
          }
          Origin origin = new Origin(f.displayPath(), i, st.index(), Origin.NO_TRANSACTION);
          for (Operation op : pf.operations().get(s)) {
            catalog.apply(op, origin);
          }
        }
      }
      return Optional.of(new SchemaSnapshot(catalog, files));
    }
    return Optional.empty();
  }

  /** A file split and recognized ahead of its use, and the bytes its text was decoded from. */
  private record Ahead(byte[] bytes, LintEngine.Parsed parsed) {}

  /** The file read, split and recognized, reusing what was parsed ahead (and dropping it from there). */
  private Optional<PreparedFile> prepare(MigrationFile f, LintOptions options, FileContents contents,
      Map<Path, Ahead> parsedAhead, List<Problem> problems) {
    Ahead ahead = parsedAhead.remove(f.path());
    boolean usable = ahead != null && ahead.parsed().dialect() == f.dialect() && options.overlays().isEmpty();
    if (usable && contents.kept(f.path()) == ahead.bytes()) {
      // the very bytes it was parsed from: the same text, without decoding and comparing it again
      return Optional.of(engine.prepare(f, ahead.parsed()));
    }
    Optional<String> text = read(f.path(), options, contents, problems);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (usable && ahead.parsed().text().equals(text.get())) {
      return Optional.of(engine.prepare(f, ahead.parsed()));
    }
    return Optional.of(prepare(f, text.get()));
  }

  private PreparedFile prepare(MigrationFile f, String text) {
    if (cache.isPresent()) {
      return cache.get().prepare(engine, f, text);
    }
    return engine.prepare(f, text);
  }

  /** The last prepared version of each file, reused while its text and migration facts are unchanged. */
  private static final class PreparedCache {
    private final Map<Path, PreparedFile> byPath = new ConcurrentHashMap<>();

    PreparedFile prepare(LintEngine engine, MigrationFile f, String text) {
      PreparedFile last = byPath.get(f.path());
      if (last != null && last.file().equals(f) && last.text().equals(text)) {
        return last;
      }
      PreparedFile fresh = engine.prepare(f, text);
      byPath.put(f.path(), fresh);
      return fresh;
    }
  }

  /**
   * The text of a migration's bytes: UTF-8, or, when they are not valid UTF-8, ISO-8859-1 with a
   * problem for {@code shownAs} added to {@code problems}.
   */
  public static String decode(byte[] bytes, String shownAs, List<Problem> problems) {
    try {
      return strictUtf8(bytes);
    } catch (CharacterCodingException e) {
      problems.add(new Problem(shownAs, "not valid UTF-8; read as ISO-8859-1"));
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  /** The bytes as UTF-8; throws on bytes that are not valid UTF-8. */
  private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
    if (isAscii(bytes)) {
      // nearly every migration: one copy into a compact string, no decoder
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
  }

  private static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  private static Optional<String> read(Path path, LintOptions options, FileContents contents,
      List<Problem> problems) {
    String overlay = options.overlays().get(path.toAbsolutePath().normalize());
    if (overlay != null) {
      return Optional.of(overlay);
    }
    try {
      return Optional.of(decode(contents.read(path), path.toString(), problems));
    } catch (IOException e) {
      problems.add(new Problem(path.toString(), "cannot read file: " + e.getMessage()));
      return Optional.empty();
    }
  }
}
