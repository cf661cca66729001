/**
 * What an operation does on a live database server.
 *
 * <p>For PostgreSQL, {@link dev.lockstep.core.effects.PgEffectsModel} works in two steps:
 *
 * <ol>
 *   <li>{@link dev.lockstep.core.effects.PgClassifier} maps (operation, catalog before it, server
 *       version) to one or more {@link dev.lockstep.core.effects.PgEffectKey}s, each with the
 *       relations that play each {@link dev.lockstep.core.effects.PgRole} (target table, referenced
 *       table of a foreign key, the indexes of the table, its partitions, ...), taken from the
 *       catalog;
 *   <li>{@link dev.lockstep.core.effects.PgEffectsTable} gives, per key and version range, the lock,
 *       rewrite and scan of every role, whether the statement may run in a transaction block, the
 *       condition on existing rows that makes it fail, a note, the documentation page and the
 *       server version on which the row was observed.
 * </ol>
 *
 * <p>Verifying a row against a real server: create the relations of each role, run the statement
 * inside {@code BEGIN ... ROLLBACK} and compare {@code pg_locks} (mode per relation, see
 * {@link dev.lockstep.core.effects.LockMode#fromPgLocks}) with the row's roles, and
 * {@code pg_class.relfilenode} before and after for {@code rewrite}; scans show up as
 * {@code DEBUG1} messages ({@code verifying table "t"}, {@code rewriting table "t"}) with
 * {@code SET client_min_messages = debug1}. Statements that cannot run in a transaction block
 * show their locks in {@code pg_locks} while they wait behind another session's open
 * transaction. Relations that the statement creates (roles {@code NEW_RELATION} and
 * {@code NEW_INDEX}) are locked ACCESS EXCLUSIVE but left out of
 * {@link dev.lockstep.core.effects.Effects}, since nobody else can see them before commit.
 *
 * <p>{@code docs/postgres-effects.md} renders the table
 * ({@link dev.lockstep.core.effects.EffectsTableDoc}); {@link dev.lockstep.core.effects.ServerVersions}
 * holds the supported range and the default version.
 */
package dev.lockstep.core.effects;
