package dev.lockstep.cli.daemon;

import dev.lockstep.cli.Cli;
import dev.lockstep.cli.Environment;
import dev.lockstep.cli.FileTrees;
import dev.lockstep.cli.LintCommand;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Brings a new daemon's JIT up to speed before the commands it is started for arrive: it lints the
 * migrations bundled in the jar (the example Prisma project and the rule fixtures) a number of
 * times, in every report format, with the output discarded. A command waits for at most one small
 * lint of it: each lint takes the daemon's command lock, so commands and training take turns.
 */
final class DaemonTraining {
  /** Where the build puts the bundled migrations, below the class path root. */
  static final String RESOURCES = "dev/lockstep/cli/training/";

  /** How often the whole set is linted, unless told otherwise. */
  static final int DEFAULT_PASSES = 10;

  private final int passes;
  private final AtomicInteger done = new AtomicInteger();
  private volatile boolean finished;

  DaemonTraining(int passes) {
    this.passes = passes;
    this.finished = passes <= 0;
  }

  /** What {@code daemon status} says of it. */
  String describe() {
    if (passes <= 0) {
      return "no warm-up";
    }
    return finished ? "warmed up (" + done.get() + " of " + passes + " passes)"
        : "warming up (pass " + (done.get() + 1) + " of " + passes + ")";
  }

  boolean finished() {
    return finished;
  }

  /**
   * Copies the bundled migrations into a new folder in {@code parent}, lints them {@code passes}
   * times, each project alone under {@code lock}, and removes the folder. Stops early when {@code
   * stopping} says so. Never throws: a daemon that cannot warm up still serves commands.
   */
  void run(Path parent, Lock lock, BooleanSupplier stopping) {
    Path dir = null;
    long start = System.nanoTime();
    try {
      dir = Files.createTempDirectory(parent, "training-");
      List<Path> projects = extract(dir);
      PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
      Environment env = new Environment(discard, discard, dir, Map.of(), false);
      List<String> formats = LintCommand.FORMATS;
      int lints = 0;
      passes:
      for (int pass = 0; pass < passes; pass++) {
        for (Path project : projects) {
          if (stopping.getAsBoolean()) {
            break passes;
          }
          String format = formats.get(lints++ % formats.size());
          lock.lock();
          try {
            new Cli(env).run("lint", "--format", format, "--fail-on", "never", project.toString());
          } finally {
            lock.unlock();
          }
        }
        done.incrementAndGet();
      }
      DaemonServer.log("warm-up: " + done.get() + " of " + passes + " passes, " + lints + " lints in "
          + (System.nanoTime() - start) / 1_000_000 + " ms");
    } catch (IOException | RuntimeException e) {
      DaemonServer.log("no warm-up: " + e);
    } finally {
      if (dir != null && !FileTrees.delete(dir)) {
        DaemonServer.log("cannot remove " + dir);
      }
      finished = true;
    }
  }

  /**
   * Writes the bundled migrations below {@code dir} and returns the projects to lint: each rule's
   * fixtures, and the example project.
   */
  static List<Path> extract(Path dir) throws IOException {
    Path source = codeSource();
    if (Files.isDirectory(source)) {
      copy(source.resolve(RESOURCES), dir, source);
    } else {
      try (FileSystem jar = FileSystems.newFileSystem(source)) {
        copy(jar.getPath(RESOURCES), dir, source);
      }
    }
    List<Path> projects = new ArrayList<>();
    Path fixtures = dir.resolve("fixtures");
    if (Files.isDirectory(fixtures)) {
      try (Stream<Path> rules = Files.list(fixtures)) {
        rules.filter(Files::isDirectory).sorted().forEach(projects::add);
      }
    }
    Path example = dir.resolve("prisma-shop");
    if (Files.isDirectory(example)) {
      projects.add(example);
    }
    if (projects.isEmpty()) {
      throw new IOException("no bundled migrations in " + source);
    }
    return projects;
  }

  /** Copies the files below {@code root} (in the class folder or the jar {@code source}) to {@code dir}. */
  private static void copy(Path root, Path dir, Path source) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IOException("no bundled migrations in " + source);
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        Path target = dir.resolve(root.relativize(f).toString()).normalize();
        if (!target.startsWith(dir)) {
          continue;
        }
        Files.createDirectories(target.getParent());
        Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** The jar (or class folder) this class was loaded from. */
  private static Path codeSource() throws IOException {
    try {
      return Path.of(DaemonTraining.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      throw new IOException("cannot tell where lockstep was loaded from: " + e);
    }
  }
}
