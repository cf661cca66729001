package dev.lockstep.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.lockstep.core.rule.RuleMeta;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lockstep rules}: list every rule. */
@Command(name = "rules", mixinStandardHelpOptions = true, versionProvider = LockstepCommand.Version.class,
    description = "List every rule with its default severity, whether it runs by default, and what it checks.")
public final class RulesCommand implements Callable<Integer> {
  static final List<String> FORMATS = List.of("text", "json", "markdown");

  private final Environment env;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "Output format: text, json or markdown (default: ${DEFAULT-VALUE}).")
  String format;

  RulesCommand(Environment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws IOException {
    String fmt = LintCommand.choice("--format", format, FORMATS);
    List<RuleMeta> rules = Services.ruleRegistry().all();
    switch (fmt) {
      case "json":
        env.out().print(json(rules));
        break;
      case "markdown":
        env.out().print(markdown(rules));
        break;
      default:
        env.out().print(text(rules));
        break;
    }
    env.out().flush();
    return ExitCodes.OK;
  }

  static String text(List<RuleMeta> rules) {
    int width = rules.stream().mapToInt(r -> r.id().length()).max().orElse(2);
    StringBuilder sb = new StringBuilder();
    sb.append(pad("ID", width)).append("  ").append(pad("SEVERITY", 8)).append("  ").append(pad("DEFAULT", 7))
        .append("  SUMMARY\n");
    for (RuleMeta r : rules) {
      sb.append(pad(r.id(), width)).append("  ").append(pad(r.severity().id(), 8)).append("  ")
          .append(pad(r.enabledByDefault() ? "on" : "off", 7)).append("  ").append(r.summary()).append('\n');
    }
    return sb.toString();
  }

  /** The rule table of the README. */
  public static String markdown(List<RuleMeta> rules) {
    StringBuilder sb = new StringBuilder();
    sb.append("| rule | default severity | enabled by default | summary |\n");
    sb.append("|---|---|---|---|\n");
    for (RuleMeta r : rules) {
      sb.append("| `").append(r.id()).append("` | ").append(r.severity().id()).append(" | ")
          .append(r.enabledByDefault() ? "yes" : "no").append(" | ").append(cell(r.summary())).append(" |\n");
    }
    return sb.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
  }

  static String json(List<RuleMeta> rules) throws IOException {
    StringWriter sw = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(sw)) {
      g.setPrettyPrinter(new DefaultPrettyPrinter());
      g.writeStartArray();
      for (RuleMeta r : rules) {
        g.writeStartObject();
        g.writeStringField("id", r.id());
        g.writeStringField("summary", r.summary());
        g.writeStringField("severity", r.severity().id());
        g.writeBooleanField("enabledByDefault", r.enabledByDefault());
        g.writeArrayFieldStart("tags");
        for (String t : r.tags()) {
          g.writeString(t);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("altNames");
        for (String a : r.altNames()) {
          g.writeString(a);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    return sw + "\n";
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
