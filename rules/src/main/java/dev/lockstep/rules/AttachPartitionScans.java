package dev.lockstep.rules;

import dev.lockstep.core.catalog.Catalog;
import dev.lockstep.core.catalog.Table;
import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.ir.ConstraintKind;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import java.util.Optional;

@RuleInfo(
    id = "attach-partition-scans",
    summary = "ATTACH PARTITION scans an existing table under an ACCESS EXCLUSIVE lock to check the partition bound",
    severity = Severity.WARNING,
    tags = {"locking", "scan", "partition"})
public final class AttachPartitionScans implements Rule {
  @Override
  public void check(RuleContext ctx) {
    if (!(ctx.operation() instanceof Operation.AttachPartition ap)) {
      return;
    }
    ObjectName partition = Catalog.resolve(ap.partition());
    Optional<RelationEffect> self = Optional.empty();
    Optional<RelationEffect> other = Optional.empty();
    for (RelationEffect r : Describe.existingTables(ctx, ctx.effects())) {
      if (!r.scan() || !Describe.blocksReads(r.lock())
          || ctx.catalog().table(r.relation()).map(AttachPartitionScans::hasValidatedCheck).orElse(false)) {
        continue; // a validated CHECK may prove the bound, which lets PostgreSQL skip the scan
      }
      if (Catalog.resolve(r.relation()).equals(partition)) {
        self = Optional.of(r);
      } else if (other.isEmpty()) {
        other = Optional.of(r);
      }
    }
    if (self.isEmpty() && other.isEmpty()) {
      return;
    }
    StringBuilder message = new StringBuilder("ATTACH PARTITION ");
    StringBuilder help = new StringBuilder();
    if (other.isPresent()) {
      RelationEffect d = other.get();
      message.append("reads every row of the default partition ").append(Describe.rel(d.relation()))
          .append(" to check that none belongs to ").append(Describe.rel(ap.partition())).append(", holding ")
          .append(Describe.lockOn(d));
      help.append("Add a CHECK constraint to the default partition that excludes the new partition's range (NOT"
          + " VALID, then VALIDATE CONSTRAINT), so PostgreSQL can skip that scan; or move those rows out of the"
          + " default partition in batches first.");
      self.ifPresent(p -> message.append("; it also reads every row of ").append(Describe.rel(p.relation()))
          .append(" under ").append(Describe.lock(p.lock())));
    } else {
      RelationEffect p = self.get();
      message.append("reads every row of ").append(Describe.rel(p.relation()))
          .append(" to check that it fits the partition bound, holding ").append(Describe.lockOn(p));
    }
    if (self.isPresent()) {
      help.append(help.length() > 0 ? " " : "").append("Before attaching ").append(Describe.rel(ap.partition()))
          .append(", add a CHECK constraint matching the partition bound with NOT VALID and validate it (SHARE"
              + " UPDATE EXCLUSIVE): PostgreSQL skips the scan when a validated CHECK implies the bound. Drop the"
              + " CHECK after attaching.");
    }
    ctx.report(ap.span(), message.toString()).help(help.toString());
  }

  private static boolean hasValidatedCheck(Table t) {
    return t.constraints().stream().anyMatch(c -> c.kind() == ConstraintKind.CHECK && c.validated());
  }
}
