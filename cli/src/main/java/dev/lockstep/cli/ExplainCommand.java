package dev.lockstep.cli;

import dev.lockstep.core.rule.RuleMeta;
import dev.lockstep.core.rule.RuleRegistry;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lockstep explain RULE}: print a rule's documentation. */
@Command(name = "explain", mixinStandardHelpOptions = true, versionProvider = LockstepCommand.Version.class,
    description = "Print a rule's documentation: why it matters, bad and good examples, and how to fix it.")
public final class ExplainCommand implements Callable<Integer> {
  private final Environment env;

  @Parameters(paramLabel = "RULE", description = "The rule's id (see 'lockstep rules').")
  String rule;

  ExplainCommand(Environment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    RuleRegistry registry = Services.ruleRegistry();
    Optional<RuleMeta> meta = registry.find(rule.trim());
    if (meta.isEmpty()) {
      throw new UsageException("unknown rule '" + rule + "'; valid rules: " + String.join(", ", registry.ids()));
    }
    RuleMeta m = meta.get();
    String doc = m.doc().strip();
    if (doc.isEmpty()) {
      doc = "# " + m.id() + "\n\n" + m.summary() + ".";
    }
    env.out().println(doc);
    env.out().println();
    env.out().println("Default severity: " + m.severity().id() + "; " + (m.enabledByDefault() ? "enabled"
        : "disabled") + " by default" + (m.tags().isEmpty() ? "" : "; tags: " + String.join(", ", m.tags()))
        + (m.altNames().isEmpty() ? "" : "; also known as: " + String.join(", ", m.altNames())) + ".");
    env.out().flush();
    return ExitCodes.OK;
  }
}
