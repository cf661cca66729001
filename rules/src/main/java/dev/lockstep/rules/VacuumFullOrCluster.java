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

@RuleInfo(
    id = "vacuum-full-or-cluster",
    summary = "VACUUM FULL or CLUSTER rewrites tables under an ACCESS EXCLUSIVE lock",
    severity = Severity.ERROR,
    tags = {"locking", "rewrite", "maintenance"})
public final class VacuumFullOrCluster implements Rule {
  @Override
  public void check(RuleContext ctx) {
    String command;
    List<ObjectName> tables;
    if (ctx.operation() instanceof Operation.Vacuum v && v.full()) {
      command = "VACUUM FULL";
      tables = v.tables();
    } else if (ctx.operation() instanceof Operation.Cluster c) {
      command = "CLUSTER";
      tables = c.relation().map(List::of).orElse(List.of());
    } else {
      return;
    }
    if (!tables.isEmpty() && tables.stream().allMatch(ctx::isNewTable)) {
      return;
    }
    Optional<RelationEffect> table = Describe.existingTables(ctx, ctx.effects()).stream().findFirst();
    String message;
    if (table.isPresent()) {
      message = command + " rewrites " + Describe.rel(table.get().relation()) + " and all its indexes while holding "
          + Describe.lock(table.get().lock()) + " — " + Describe.blocks(table.get().lock())
          + " for the whole rewrite, which takes as long as copying the table";
    } else if (tables.isEmpty()) {
      message = command + " without a table rewrites " + (command.equals("CLUSTER")
          ? "every previously clustered table" : "every table of the database")
          + ", each under an ACCESS EXCLUSIVE lock that blocks reads and writes for its whole rewrite";
    } else {
      return;
    }
    String help = "PostgreSQL has no online form of " + command + ". Do not reclaim space or reorder rows in a"
        + " migration: plain VACUUM makes dead space reusable without blocking reads or writes. Rewriting a table"
        + " online takes an external tool such as pg_repack, run outside the migration.";
    RuleContext.FindingBuilder b = ctx.report(ctx.operation().span(), message).help(help);
    java.util.List<ObjectName> existing = tables.stream().filter(t -> !ctx.isNewTable(t)).toList();
    if (ctx.operation() instanceof Operation.Vacuum v && !existing.isEmpty()) {
      b.plan(dev.lockstep.core.plan.ExpandContract.vacuumInstead(Plans.layout(ctx.file()), existing, v.analyze()));
    } else if (ctx.operation() instanceof Operation.Cluster c && c.relation().isPresent() && c.index().isPresent()) {
      b.plan(dev.lockstep.core.plan.ExpandContract.clusterInstead(Plans.layout(ctx.file()), c.relation().get(),
          c.index().get()));
    } else {
      b.plan(dev.lockstep.core.plan.ExpandContract.noPlan("PostgreSQL has no online form of " + command
          + (tables.isEmpty() ? " over " + (command.equals("CLUSTER") ? "every clustered table" : "the whole database")
              : " without a named index") + "; remove it from the migration (autovacuum keeps dead space reusable)"));
    }
  }
}
