/**
 * The schema a migration history builds up. {@link dev.lockstep.core.catalog.Catalog#apply}
 * replays one operation the way PostgreSQL would execute it: unnamed constraints and indexes get
 * the server's names ({@link dev.lockstep.core.catalog.PgNames}), PRIMARY KEY and UNIQUE create
 * their backing index, {@code USING INDEX} adopts and renames an index, dropping a column drops
 * the indexes and constraints that involve it, renames carry over to foreign keys of other tables,
 * and partitions get the indexes of their partitioned parent. Operations on objects the catalog
 * does not know change nothing, and replay never throws.
 */
package dev.lockstep.core.catalog;
