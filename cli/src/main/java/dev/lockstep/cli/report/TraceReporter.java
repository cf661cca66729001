package dev.lockstep.cli.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.lockstep.core.effects.LockMode;
import dev.lockstep.core.engine.FileResult;
import dev.lockstep.core.engine.Problem;
import dev.lockstep.core.engine.StatementResult;
import dev.lockstep.core.source.LineIndex;
import dev.lockstep.trace.TraceResult;
import dev.lockstep.trace.TraceResult.Difference;
import dev.lockstep.trace.TraceResult.Failure;
import dev.lockstep.trace.TraceResult.FileTrace;
import dev.lockstep.trace.TraceResult.ObservedRelation;
import dev.lockstep.trace.TraceResult.StatementTrace;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The report of {@code lockstep trace}: text (per file and statement, differences from the
 * prediction marked with {@code !!}) or JSON (the {@code lint} format with {@code observed},
 * {@code durationMs}, {@code error} and {@code differences} per statement and a {@code trace}
 * object; see {@code docs/json-format.md}).
 */
public final class TraceReporter {
  private TraceReporter() {}

  public static void text(TraceResult r, ReportContext ctx, Writer out) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("Traced on PostgreSQL ").append(r.serverVersion()).append(r.disposable()
        ? " (embedded server, thrown away afterwards)"
        : " (" + r.database() + ", in one transaction that was rolled back: nothing was committed)").append("\n");
    int ran = 0;
    int failed = 0;
    int notRun = 0;
    int differing = 0;
    for (FileTrace f : r.files()) {
      FileResult lint = f.lint();
      LineIndex lines = lint.lines();
      sb.append("\n").append(paint(ctx, BOLD, ctx.displayPath(lint.file()))).append("  [").append(lint.tool().id())
          .append(", ").append(lint.executionModel().id()).append("]  ")
          .append(f.outcome().equals("failed") ? paint(ctx, RED, f.outcome()) : f.outcome()).append("\n");
      for (StatementTrace t : f.statements()) {
        StatementResult s = lint.statements().get(t.index());
        switch (t.run()) {
          case "not-run":
            notRun++;
            continue;
          case "skipped":
            continue;
          case "failed":
            failed++;
            break;
          case "ran":
            ran++;
            break;
          default:
            break;
        }
        if (f.outcome().equals("not-run")) {
          continue;
        }
        int line = lines.line(s.span().start()) + 1;
        int col = lines.column(s.span().start()) + 1;
        sb.append("  ").append(line).append(':').append(col).append("  ")
            .append(oneLine(lint.text().substring(s.span().start(), s.span().end())));
        t.durationMs().ifPresent(d -> sb.append("  (").append(String.format(Locale.ROOT, "%.1f ms", d)).append(")"));
        if (t.method().filter(m -> m.equals("watched")).isPresent()) {
          sb.append("  [outside a transaction, watched]");
        }
        sb.append("\n");
        t.error().ifPresent(e -> sb.append("      ").append(paint(ctx, RED, "ERROR " + e.sqlState() + ": "
            + e.message())).append("\n"));
        for (ObservedRelation o : t.observed()) {
          sb.append("      ").append(o.relation().display()).append(": ").append(describe(o)).append("\n");
        }
        for (String n : t.notes()) {
          if (!n.contains("held earlier")) {
            sb.append("      (").append(n).append(")\n");
          }
        }
        if (!t.differences().isEmpty()) {
          differing++;
        }
        for (Difference d : t.differences()) {
          sb.append("      ").append(paint(ctx, YELLOW, "!! differs from lockstep's prediction: " + d.message()))
              .append("\n");
        }
      }
    }
    for (Failure x : r.failures()) {
      sb.append("\n").append(paint(ctx, RED, "FAILED: " + ctx.displayPath(x.file()) + ":" + x.line() + ": "
          + oneLine(x.statement()))).append("\n");
      sb.append("  SQLSTATE ").append(x.error().sqlState()).append(": ").append(x.error().message()).append("\n");
      sb.append("  Rolled back: ").append(x.rolledBack()).append(".\n");
      List<String> notRunPaths = x.notRun().stream().map(ctx::displayPath).toList();
      sb.append("  Not run: ");
      if (notRunPaths.isEmpty()) {
        sb.append("none (it was the last migration)");
      } else {
        sb.append(notRunPaths.size()).append(notRunPaths.size() == 1 ? " migration: " : " migrations: ")
            .append(String.join(", ", notRunPaths.subList(0, Math.min(3, notRunPaths.size()))));
        if (notRunPaths.size() > 3) {
          sb.append(" and ").append(notRunPaths.size() - 3).append(" more (all in --format json)");
        }
      }
      sb.append("\n");
    }
    for (Problem p : r.problems()) {
      sb.append("\n").append(ctx.problemPath(p.path())).append(": ").append(p.message()).append("\n");
    }
    sb.append("\n").append(r.files().size()).append(r.files().size() == 1 ? " file, " : " files, ").append(ran)
        .append(" statements ran, ").append(failed).append(" failed, ").append(notRun).append(" not run; ")
        .append(differing).append(differing == 1 ? " statement differs" : " statements differ")
        .append(" from lockstep's prediction.\n");
    out.write(sb.toString());
    out.flush();
  }

  private static final String BOLD = "\u001b[1m";
  private static final String RED = "\u001b[1;31m";
  private static final String YELLOW = "\u001b[33m";

  private static String paint(ReportContext ctx, String color, String text) {
    return ctx.color() ? color + text + "\u001b[0m" : text;
  }

  static String describe(ObservedRelation o) {
    List<String> parts = new ArrayList<>();
    o.lock().ifPresent(m -> parts.add(m.sql()));
    o.heldEarlier().ifPresent(m -> parts.add(m.sql() + " held earlier"));
    if (o.lock().isEmpty() && o.heldEarlier().isEmpty()) {
      parts.add("no lock");
    }
    if (o.rewrite()) {
      parts.add("rewritten");
    }
    if (o.scan()) {
      parts.add("scanned (" + o.seqTupRead() + (o.seqTupRead() == 1 ? " row)" : " rows)"));
    }
    return String.join(", ", parts);
  }

  static String oneLine(String sql) {
    String s = sql.replaceAll("\\s+", " ").strip();
    return s.length() > 110 ? s.substring(0, 107) + "..." : s;
  }

  public static void json(TraceResult r, ReportContext ctx, Writer out) throws IOException {
    try (JsonGenerator g = JsonReporter.FACTORY.createGenerator(out)) {
      g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      g.setPrettyPrinter(JsonReporter.prettyPrinter());
      g.writeStartObject();
      g.writeNumberField("version", JsonReporter.FORMAT_VERSION);
      g.writeNumberField("serverVersion", r.major());
      g.writeArrayFieldStart("files");
      for (FileTrace f : r.files()) {
        Map<Integer, StatementTrace> byIndex = new HashMap<>();
        f.statements().forEach(t -> byIndex.put(t.index(), t));
        JsonReporter.file(g, ctx, f.lint(), (s, gen) -> statement(gen, byIndex.get(s.index())));
        g.writeStringField("outcome", f.outcome());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("problems");
      for (Problem p : r.problems()) {
        g.writeStartObject();
        g.writeStringField("path", ctx.problemPath(p.path()));
        g.writeStringField("message", p.message());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("trace");
      g.writeStringField("server", r.serverVersion());
      g.writeStringField("database", r.database());
      g.writeBooleanField("disposable", r.disposable());
      g.writeArrayFieldStart("failures");
      for (Failure x : r.failures()) {
        g.writeStartObject();
        g.writeStringField("path", ctx.displayPath(x.file()));
        g.writeNumberField("line", x.line());
        g.writeNumberField("statementIndex", x.statementIndex());
        g.writeStringField("statement", x.statement());
        g.writeStringField("sqlState", x.error().sqlState());
        g.writeStringField("message", x.error().message());
        g.writeStringField("rolledBack", x.rolledBack());
        g.writeArrayFieldStart("notRun");
        for (Path p : x.notRun()) {
          g.writeString(ctx.displayPath(p));
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
    }
    out.write('\n');
    out.flush();
  }

  private static void statement(JsonGenerator g, StatementTrace t) throws IOException {
    g.writeStringField("run", t.run());
    optional(g, "method", t.method());
    g.writeArrayFieldStart("observed");
    for (ObservedRelation o : t.observed()) {
      g.writeStartObject();
      g.writeStringField("relation", o.relation().display());
      optional(g, "lock", o.lock().map(LockMode::sql));
      optional(g, "heldEarlier", o.heldEarlier().map(LockMode::sql));
      g.writeBooleanField("rewrite", o.rewrite());
      g.writeBooleanField("scan", o.scan());
      g.writeNumberField("seqTupRead", o.seqTupRead());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeFieldName("durationMs");
    if (t.durationMs().isPresent()) {
      g.writeNumber(t.durationMs().get());
    } else {
      g.writeNull();
    }
    g.writeFieldName("error");
    if (t.error().isPresent()) {
      g.writeStartObject();
      g.writeStringField("sqlState", t.error().get().sqlState());
      g.writeStringField("message", t.error().get().message());
      g.writeEndObject();
    } else {
      g.writeNull();
    }
    g.writeArrayFieldStart("differences");
    for (Difference d : t.differences()) {
      g.writeStartObject();
      g.writeStringField("relation", d.relation());
      g.writeStringField("aspect", d.aspect());
      g.writeStringField("predicted", d.predicted());
      g.writeStringField("observed", d.observed());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("notes");
    for (String n : t.notes()) {
      g.writeString(n);
    }
    g.writeEndArray();
  }

  private static void optional(JsonGenerator g, String name, Optional<String> value) throws IOException {
    if (value.isPresent()) {
      g.writeStringField(name, value.get());
    } else {
      g.writeNullField(name);
    }
  }
}
