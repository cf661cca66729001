package dev.lockstep.rules;

import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;

@RuleInfo(
    id = "unsupported-statement",
    summary = "A statement the target PostgreSQL version rejects",
    severity = Severity.ERROR,
    tags = {"runtime-error", "version"})
public final class UnsupportedStatement implements Rule {
  /** How the effects model marks an operation the server version does not support. */
  private static final String MARK = "Not supported on PostgreSQL";
  private static final String FAILS = "the statement fails.";

  @Override
  public void check(RuleContext ctx) {
    String text = null;
    java.util.List<String> notes = ctx.effects().notes();
    for (int i = 0; i < notes.size(); i++) {
      if (notes.get(i).startsWith(MARK)) {
        text = notes.get(i);
        break;
      }
    }
    if (text == null) {
      return;
    }
    int cut = text.indexOf(FAILS);
    String what = cut < 0 ? text : text.substring(0, cut + FAILS.length() - 1);
    String why = cut < 0 ? "" : text.substring(cut + FAILS.length()).trim();
    String message = Describe.command(ctx.operation()) + ": " + what.substring(0, 1).toLowerCase(java.util.Locale.ROOT)
        + what.substring(1) + " with an error at deploy time";
    String help = (why.isEmpty() ? "" : why + " ")
        + "If the production server runs a newer version, set the target version (--pg-version or pg-version in"
        + " lockstep.yaml) to match it.";
    ctx.report(ctx.operation().span(), message).help(help);
  }
}
