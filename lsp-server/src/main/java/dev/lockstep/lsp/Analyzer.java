package dev.lockstep.lsp;

import dev.lockstep.core.config.ConfigException;
import dev.lockstep.core.engine.FileResult;
import dev.lockstep.core.engine.LintResult;
import dev.lockstep.core.engine.Problem;
import dev.lockstep.core.rule.RuleMeta;
import dev.lockstep.core.rule.RuleRegistry;
import dev.lockstep.core.service.LintOptions;
import dev.lockstep.core.service.LintService;
import dev.lockstep.core.service.OptionsResolver;
import dev.lockstep.core.service.SchemaSnapshot;
import dev.lockstep.core.source.LineIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The language service behind the protocol: lints documents through {@link LintService} with the
 * options {@link OptionsResolver} gives for the file (its nearest {@code lockstep.yaml} plus the
 * editor's overrides, exactly as the CLI resolves them) and keeps the latest analysis of each
 * open document. Knows nothing of the protocol. Thread-safe.
 *
 * <p>Every open buffer is passed to the service as an overlay, so a file is linted with the
 * unsaved text of the migrations before it. The <em>generation</em> counts changes that can alter
 * any file's result (a buffer edit, a file changed on disk, new settings); an analysis is reused
 * while its document version and the generation are unchanged.
 */
public final class Analyzer {
  private final LintService service;
  private final RuleRegistry registry;
  private final OptionsResolver resolver;
  private final Function<RuleMeta, String> docUri;
  private final AtomicLong generation = new AtomicLong();
  private final Map<String, Analysis> latest = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private volatile ServerSettings settings = ServerSettings.defaults();
  private volatile Path untitledBase = Path.of("").toAbsolutePath();

  /**
   * @param service the lint service (a {@link LintService#cachingPreparedFiles() caching} one for editors)
   * @param registry the rules the CLI loads
   * @param docUri where a rule's documentation can be read (the CLI's links)
   */
  public Analyzer(LintService service, RuleRegistry registry, Function<RuleMeta, String> docUri) {
    this.service = Objects.requireNonNull(service);
    this.registry = Objects.requireNonNull(registry);
    this.resolver = new OptionsResolver(registry);
    this.docUri = Objects.requireNonNull(docUri);
  }

  public RuleRegistry registry() {
    return registry;
  }

  public Optional<String> docUri(String ruleId) {
    return registry.find(ruleId).map(docUri);
  }

  /** The folder a buffer that was never saved is linted in (its configuration applies). */
  public void untitledBase(Path dir) {
    untitledBase = dir.toAbsolutePath().normalize();
  }

  public ServerSettings settings() {
    return settings;
  }

  public void settings(ServerSettings s) {
    settings = Objects.requireNonNull(s);
    invalidate();
  }

  /** Something changed that may alter any document's result. */
  public void invalidate() {
    generation.incrementAndGet();
  }

  public long generation() {
    return generation.get();
  }

  public void forget(String uri) {
    latest.remove(uri);
    locks.remove(uri);
  }

  /** The latest analysis of {@code uri}, whatever its version. */
  public Optional<Analysis> latest(String uri) {
    return Optional.ofNullable(latest.get(uri));
  }

  /**
   * The analysis of this version of {@code doc}, reused when it is current.
   *
   * @param overlays the text of every open buffer, by absolute normalized path
   * @param remember keep the result as the document's latest (open documents)
   */
  public Analysis analyze(Document doc, Map<Path, String> overlays, boolean remember) {
    if (!remember) {
      return lint(doc, overlays, generation.get());
    }
    // One lint per open document at a time: a request that arrives while the same version is being
    // linted for diagnostics waits for that result instead of linting it again.
    synchronized (locks.computeIfAbsent(doc.uri(), k -> new Object())) {
      long gen = generation.get();
      Analysis cached = latest.get(doc.uri());
      if (cached != null && cached.generation() == gen && cached.document().version() == doc.version()
          && cached.document().text().equals(doc.text())) {
        return cached;
      }
      Analysis a = lint(doc, overlays, gen);
      latest.merge(doc.uri(), a, (old, neu) -> old.generation() > neu.generation()
          || (old.generation() == neu.generation() && old.document().version() > neu.document().version()) ? old : neu);
      return a;
    }
  }

  private Analysis lint(Document doc, Map<Path, String> overlays, long gen) {
    LineIndex lines = new LineIndex(doc.text());
    Optional<String> untitled = Document.untitledName(doc.uri());
    if (doc.path().isEmpty() && untitled.isEmpty()) {
      return new Analysis(doc, gen, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), lines,
          Optional.empty());
    }
    if (doc.text().length() > settings.maxFileChars()) {
      return new Analysis(doc, gen, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), lines,
          Optional.of("lockstep does not lint files over " + settings.maxFileChars() / 1_000_000.0
              + " million characters while you edit (this one has " + doc.text().length()
              + "); run `lockstep lint` on it, or raise the maxFileChars setting"));
    }
    // An untitled buffer named by an absolute path is the file it will be saved as.
    boolean namedUntitled = doc.path().isEmpty() && isAbsolutePath(untitled.get());
    Path path = doc.path().orElseGet(() -> namedUntitled
        ? Path.of(untitled.get()).normalize()
        : untitledBase.resolve(untitledDisplay(untitled.get())).normalize());
    OptionsResolver.Resolved resolved;
    try {
      resolved = resolve(path);
    } catch (ConfigException | OptionsResolver.InvalidOptionException e) {
      return new Analysis(doc, gen, Optional.empty(), Optional.empty(), Optional.of(e.getMessage()), List.of(),
          lines, Optional.empty());
    }
    Map<Path, String> texts = new java.util.HashMap<>(overlays);
    texts.put(path, doc.text());
    LintOptions options = resolved.options().withOverlays(texts);
    // A buffer never saved is linted alone, or, when the editor names the file it will be saved as, as that
    // file in its folder's history.
    LintResult result = doc.path().isPresent()
        ? service.lint(List.of(path), options)
        : namedUntitled
            ? service.lintText(path, doc.text(), options)
            : service.lintAlone(path, untitledDisplay(untitled.get()), doc.text(), options);
    Optional<FileResult> file = result.files().stream().filter(f -> f.file().equals(path)).findFirst();
    List<String> notes = new ArrayList<>();
    for (Problem p : result.problems()) {
      notes.add(p.path() + ": " + p.message());
    }
    return new Analysis(doc, gen, file, Optional.of(options), Optional.empty(), notes, lines, Optional.empty());
  }

  private static boolean isAbsolutePath(String name) {
    try {
      return Path.of(name).isAbsolute();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** How reports show the buffer {@code name}: its last segment, without characters a file name cannot have. */
  private static String untitledDisplay(String name) {
    String last = name.substring(name.lastIndexOf('/') + 1);
    String clean = last.replaceAll("[\\\\:*?\"<>|\\x00-\\x1f]", "_");
    return clean.isBlank() || clean.equals(".") || clean.equals("..") ? "untitled" : clean;
  }

  /** The options the CLI would use for {@code path} with {@code --pg-version}/{@code --tool} from the settings. */
  public OptionsResolver.Resolved resolve(Path path) throws ConfigException {
    ServerSettings s = settings;
    OptionsResolver.Overrides overrides = new OptionsResolver.Overrides(s.pgVersion(), s.tool(), List.of(),
        List.of());
    return resolver.resolve(s.config().map(Path::of), path, overrides);
  }

  /** The schema just before statement {@code statementIndex} of the analysed file. */
  public Optional<SchemaSnapshot> schemaBefore(Analysis a, int statementIndex) {
    if (a.file().isEmpty() || a.options().isEmpty()) {
      return Optional.empty();
    }
    return service.schemaBefore(a.file().get().file(), statementIndex, a.options().get());
  }
}
