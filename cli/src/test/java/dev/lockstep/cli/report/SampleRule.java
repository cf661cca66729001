package dev.lockstep.cli.report;

import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;

/** A rule that never fires; it only gives the reporter tests metadata and a doc. */
@RuleInfo(id = "sample-index-rule", summary = "Index built without CONCURRENTLY", severity = Severity.ERROR,
    tags = {"locking", "index"})
public final class SampleRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    // never fires
  }
}
