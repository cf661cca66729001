package dev.lockstep.rules;

import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

@RuleInfo(
    id = "truncate-table",
    summary = "TRUNCATE deletes every row of an existing table under an ACCESS EXCLUSIVE lock",
    severity = Severity.WARNING,
    tags = {"data-loss", "locking"})
public final class TruncateTable implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (!(ctx.operation() instanceof Operation.Truncate tr)) {
      return;
    }
    List<ObjectName> existing = tr.tables().stream().filter(t -> !ctx.isNewTable(t)).toList();
    if (existing.isEmpty()) {
      return;
    }
    String names = existing.stream().map(Describe::rel).collect(Collectors.joining(", "));
    Optional<RelationEffect> lock = Describe.on(ctx.effects(), existing.get(0));
    String message = "TRUNCATE deletes every row of " + names + " irreversibly"
        + lock.map(l -> " and takes " + Describe.lock(l.lock()) + " (" + Describe.blocksBrief(l.lock()) + ")").orElse("");
    if (tr.cascade()) {
      message += "; CASCADE also empties every table that references " + (existing.size() == 1 ? "it" : "them")
          + " through a foreign key, and their referencing tables in turn";
    }
    String help = "Make sure the data is really disposable (environment-specific data does not belong in a schema"
        + " migration). To delete rows selectively, use batched DELETEs outside the migration."
        + (tr.cascade() ? " Name every table to empty explicitly instead of using CASCADE." : "");
    RuleContext.FindingBuilder b = ctx.report(tr.span(), message).help(help);
    if (existing.size() == 1 && tr.tables().size() == 1 && !tr.cascade()) {
      dev.lockstep.core.plan.ExpandContract.batchedDelete(Plans.layout(ctx.file()), ctx.catalog(), existing.get(0),
          Optional.empty()).ifPresent(b::plan);
    } else {
      b.plan(dev.lockstep.core.plan.ExpandContract.noPlan("TRUNCATE of several tables"
          + (tr.cascade() ? " with CASCADE" : "") + " has no batched form lockstep can order safely (deleting in"
          + " batches must go from the referencing tables to the referenced ones); if the data must go, delete"
          + " each table's rows in batches in that order, outside the schema migration"));
    }
  }
}
