/**
 * Expand/contract plans and rollback scripts.
 *
 * <p>{@link dev.lockstep.core.plan.MigrationLayout} knows, per migration tool, how to name the
 * migration files that go after a given one and how to mark a file that must run outside a
 * transaction. {@link dev.lockstep.core.plan.PlanBuilder} assembles a {@link
 * dev.lockstep.core.rule.Plan} in that layout; {@link dev.lockstep.core.plan.ExpandContract} builds
 * the plan of each risky change (rename, split, drop and retype a column, rename a table, required
 * columns, NOT NULL, constraints, indexes, enum value removal, batched backfills) from the schema
 * before it. {@link dev.lockstep.core.plan.Rollback} inverts a migration's statements.
 *
 * <p>The plans are proven on real servers by {@code PlanProofTest}; see {@code docs/plans.md}.
 */
package dev.lockstep.core.plan;
