package dev.lockstep.cli.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.lockstep.cli.Project;
import dev.lockstep.core.engine.FileResult;
import dev.lockstep.core.engine.LintResult;
import dev.lockstep.core.engine.Problem;
import dev.lockstep.core.engine.StatementResult;
import dev.lockstep.core.rule.Finding;
import dev.lockstep.core.rule.Fix;
import dev.lockstep.core.rule.Plan;
import dev.lockstep.core.rule.PlanStep;
import dev.lockstep.core.rule.RuleMeta;
import dev.lockstep.core.rule.Severity;
import dev.lockstep.core.rule.TextEdit;
import dev.lockstep.core.source.LineIndex;
import dev.lockstep.core.source.Span;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * SARIF 2.1.0 for code-scanning services (GitHub code scanning and others). Artifact URIs are
 * relative to {@link ReportContext#sourceRoot()} under the base id {@code %SRCROOT%}; regions
 * are 1-based with UTF-16 columns; fingerprints survive edits above a finding.
 */
public final class SarifReporter implements Reporter {
  public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  public static final String SRCROOT = "%SRCROOT%";
  /** The {@code partialFingerprints} key. */
  public static final String FINGERPRINT = "lockstepFindingHash/v1";

  @Override
  public void write(LintResult result, ReportContext ctx, Writer out) throws IOException {
    List<RuleMeta> rules = rules(result, ctx);
    Map<String, Integer> ruleIndex = new HashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      ruleIndex.put(rules.get(i).id(), i);
    }
    try (JsonGenerator g = JsonReporter.FACTORY.createGenerator(out)) {
      g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      g.setPrettyPrinter(JsonReporter.prettyPrinter());
      g.writeStartObject();
      g.writeStringField("$schema", SCHEMA);
      g.writeStringField("version", "2.1.0");
      g.writeArrayFieldStart("runs");
      g.writeStartObject();

      g.writeObjectFieldStart("tool");
      g.writeObjectFieldStart("driver");
      g.writeStringField("name", "lockstep");
      g.writeStringField("version", ctx.toolVersion());
      g.writeStringField("semanticVersion", ctx.toolVersion());
      g.writeStringField("informationUri", Project.HOME);
      g.writeArrayFieldStart("rules");
      for (RuleMeta meta : rules) {
        rule(g, ctx, meta);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();

      invocation(g, ctx, result);

      g.writeObjectFieldStart("originalUriBaseIds");
      g.writeObjectFieldStart(SRCROOT);
      g.writeStringField("uri", directoryUri(ctx.sourceRoot()));
      g.writeEndObject();
      g.writeEndObject();

      g.writeArrayFieldStart("results");
      for (FileResult f : result.files()) {
        results(g, ctx, f, ruleIndex);
      }
      g.writeEndArray();
      g.writeStringField("columnKind", "utf16CodeUnits");
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write('\n');
    out.flush();
  }

  /** Every enabled rule, plus any rule a finding names that is not (so that every ruleIndex resolves). */
  private static List<RuleMeta> rules(LintResult result, ReportContext ctx) {
    List<RuleMeta> out = new ArrayList<>();
    for (RuleMeta m : ctx.rules().registry().all()) {
      if (ctx.rules().isEnabled(m.id())) {
        out.add(m);
      }
    }
    for (Finding x : result.findings()) {
      if (out.stream().noneMatch(m -> m.id().equals(x.ruleId()))) {
        ctx.rule(x.ruleId()).ifPresent(out::add);
      }
    }
    return out;
  }

  private static void rule(JsonGenerator g, ReportContext ctx, RuleMeta meta) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", meta.id());
    g.writeStringField("name", pascalCase(meta.id()));
    g.writeObjectFieldStart("shortDescription");
    g.writeStringField("text", sentence(meta.summary()));
    g.writeEndObject();
    String why = meta.docSection("Why");
    if (!why.isBlank()) {
      g.writeObjectFieldStart("fullDescription");
      g.writeStringField("text", RuleText.plain(why));
      g.writeStringField("markdown", why);
      g.writeEndObject();
    }
    if (!meta.doc().isBlank()) {
      g.writeObjectFieldStart("help");
      g.writeStringField("text", meta.doc().strip());
      g.writeStringField("markdown", meta.doc().strip());
      g.writeEndObject();
    }
    g.writeStringField("helpUri", Project.ruleDocUri(meta));
    g.writeObjectFieldStart("defaultConfiguration");
    g.writeStringField("level", level(ctx.rules().severity(meta.id()).orElse(meta.severity())));
    g.writeBooleanField("enabled", ctx.rules().isEnabled(meta.id()));
    g.writeEndObject();
    g.writeObjectFieldStart("properties");
    g.writeArrayFieldStart("tags");
    for (String tag : meta.tags()) {
      g.writeString(tag);
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void invocation(JsonGenerator g, ReportContext ctx, LintResult result) throws IOException {
    boolean ok = result.problems().stream().noneMatch(Problems::isBlocking);
    g.writeArrayFieldStart("invocations");
    g.writeStartObject();
    g.writeBooleanField("executionSuccessful", ok);
    g.writeArrayFieldStart("toolExecutionNotifications");
    for (Problem p : result.problems()) {
      g.writeStartObject();
      g.writeStringField("level", Problems.isBlocking(p) ? "error" : "warning");
      g.writeObjectFieldStart("message");
      g.writeStringField("text", sentence(p.message()));
      g.writeEndObject();
      g.writeArrayFieldStart("locations");
      g.writeStartObject();
      g.writeObjectFieldStart("physicalLocation");
      artifact(g, ctx, problemPath(ctx, p));
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndArray();
  }

  private static Path problemPath(ReportContext ctx, Problem p) {
    try {
      return ctx.workDir().resolve(p.path());
    } catch (RuntimeException e) {
      return ctx.workDir();
    }
  }

  private static void results(JsonGenerator g, ReportContext ctx, FileResult f, Map<String, Integer> ruleIndex)
      throws IOException {
    if (f.findings().isEmpty()) {
      return;
    }
    LineIndex lines = f.lines();
    String fingerprintPath = Paths.relative(ctx.sourceRoot(), f.file());
    Map<String, Integer> occurrences = new HashMap<>();
    for (Finding x : f.findings()) {
      g.writeStartObject();
      g.writeStringField("ruleId", x.ruleId());
      Integer idx = ruleIndex.get(x.ruleId());
      if (idx != null) {
        g.writeNumberField("ruleIndex", idx);
      }
      g.writeStringField("level", level(x.severity()));
      g.writeObjectFieldStart("message");
      g.writeStringField("text", sentence(x.message()));
      g.writeEndObject();
      g.writeArrayFieldStart("locations");
      g.writeStartObject();
      g.writeObjectFieldStart("physicalLocation");
      artifact(g, ctx, f.file());
      region(g, "region", lines, x.span());
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndArray();

      String stmtText = statementText(f, x);
      String key = x.ruleId() + "\u0000" + stmtText;
      int occurrence = occurrences.merge(key, 1, Integer::sum) - 1;
      g.writeObjectFieldStart("partialFingerprints");
      g.writeStringField(FINGERPRINT, fingerprint(x.ruleId(), fingerprintPath, stmtText, occurrence));
      g.writeEndObject();

      if (x.fix().isPresent()) {
        fix(g, ctx, f, lines, x.fix().get());
      }
      if (!x.help().isBlank() || x.plan().isPresent()) {
        g.writeObjectFieldStart("properties");
        if (!x.help().isBlank() || x.plan().isPresent()) {
          g.writeStringField("help", helpWithPlan(x));
        }
        if (x.plan().isPresent()) {
          plan(g, x.plan().get());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    }
  }

  private static void fix(JsonGenerator g, ReportContext ctx, FileResult f, LineIndex lines, Fix fix)
      throws IOException {
    g.writeArrayFieldStart("fixes");
    g.writeStartObject();
    g.writeObjectFieldStart("description");
    g.writeStringField("text", sentence(fix.title()));
    g.writeEndObject();
    g.writeArrayFieldStart("artifactChanges");
    g.writeStartObject();
    artifact(g, ctx, f.file());
    g.writeArrayFieldStart("replacements");
    for (TextEdit e : fix.edits()) {
      g.writeStartObject();
      region(g, "deletedRegion", lines, e.span());
      g.writeObjectFieldStart("insertedContent");
      g.writeStringField("text", e.replacement());
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndArray();
  }

  /** The finding's help, followed by its plan's steps in one line each. */
  static String helpWithPlan(dev.lockstep.core.rule.Finding x) {
    StringBuilder sb = new StringBuilder(x.help());
    x.plan().ifPresent(plan -> {
      sb.append(sb.length() == 0 ? "" : "\n\n").append("Plan: ").append(plan.title());
      int n = 1;
      for (PlanStep s : plan.steps()) {
        sb.append('\n').append(n++).append(". [").append(s.kind().id()).append("] ").append(s.title());
        s.path().ifPresent(p -> sb.append(" (").append(p).append(')'));
      }
    });
    return sb.toString();
  }

  private static void plan(JsonGenerator g, Plan plan) throws IOException {
    g.writeObjectFieldStart("plan");
    g.writeStringField("title", plan.title());
    g.writeArrayFieldStart("steps");
    for (PlanStep s : plan.steps()) {
      g.writeStartObject();
      g.writeStringField("kind", s.kind().id());
      g.writeStringField("title", s.title());
      if (s.path().isPresent()) {
        g.writeStringField("path", s.path().get());
      }
      if (s.sql().isPresent()) {
        g.writeStringField("sql", s.sql().get());
      }
      g.writeStringField("why", s.why());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void artifact(JsonGenerator g, ReportContext ctx, Path file) throws IOException {
    g.writeObjectFieldStart("artifactLocation");
    if (Paths.isInside(ctx.sourceRoot(), file)) {
      g.writeStringField("uri", relativeUri(Paths.relative(ctx.sourceRoot(), file)));
      g.writeStringField("uriBaseId", SRCROOT);
    } else {
      g.writeStringField("uri", file.toAbsolutePath().normalize().toUri().toString());
    }
    g.writeEndObject();
  }

  private static void region(JsonGenerator g, String name, LineIndex lines, Span span) throws IOException {
    Position p = Position.of(lines, span);
    g.writeObjectFieldStart(name);
    g.writeNumberField("startLine", p.line());
    g.writeNumberField("startColumn", p.column());
    g.writeNumberField("endLine", p.endLine());
    g.writeNumberField("endColumn", p.endColumn());
    g.writeEndObject();
  }

  /** The text the fingerprint hashes: the finding's statement (or its own span) with whitespace runs collapsed. */
  private static String statementText(FileResult f, Finding x) {
    Optional<StatementResult> s = f.statements().stream().filter(st -> st.index() == x.statementIndex()).findFirst();
    Span span = s.map(StatementResult::span).orElse(x.span());
    return normalize(span.of(f.text()));
  }

  static String normalize(String sql) {
    return sql.strip().replaceAll("\\s+", " ");
  }

  /** A hash of rule id, path, normalized statement text and occurrence index: no line numbers. */
  public static String fingerprint(String ruleId, String path, String statementText, int occurrence) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      String key = ruleId + "\u0000" + path + "\u0000" + statementText + "\u0000" + occurrence;
      return HexFormat.of().formatHex(md.digest(key.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String level(Severity s) {
    switch (s) {
      case ERROR:
        return "error";
      case WARNING:
        return "warning";
      default:
        return "note";
    }
  }

  static String pascalCase(String id) {
    StringBuilder sb = new StringBuilder();
    for (String part : id.split("[^A-Za-z0-9]+")) {
      if (!part.isEmpty()) {
        sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1).toLowerCase(Locale.ROOT));
      }
    }
    return sb.toString();
  }

  /** The text with a terminating period, as SARIF viewers expect of messages. */
  static String sentence(String text) {
    String t = text.strip();
    if (t.isEmpty() || t.endsWith(".") || t.endsWith("!") || t.endsWith("?")) {
      return t;
    }
    return t + ".";
  }

  static String relativeUri(String path) {
    try {
      return new URI(null, null, path, null).toASCIIString();
    } catch (URISyntaxException e) {
      return path;
    }
  }

  static String directoryUri(Path dir) {
    String u = dir.toAbsolutePath().normalize().toUri().toString();
    return u.endsWith("/") ? u : u + "/";
  }
}
