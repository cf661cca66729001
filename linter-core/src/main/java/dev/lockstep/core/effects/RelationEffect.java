package dev.lockstep.core.effects;

import dev.lockstep.core.ir.ObjectName;

/**
 * What an operation does to one relation.
 *
 * @param relation schema-qualified name
 * @param kind table, index, ...
 * @param lock the strongest lock mode taken on it
 * @param rewrite whether its storage is rewritten (a new relfilenode): a table rewrite, or an index rebuild
 * @param scan whether every row is read (to validate a constraint, build an index, ...)
 */
public record RelationEffect(ObjectName relation, RelationKind kind, LockMode lock, boolean rewrite, boolean scan) {

  /** Combines two effects on the same relation: the stronger lock, and rewrite/scan if either does. */
  public RelationEffect merge(RelationEffect o) {
    return new RelationEffect(relation, kind, lock.max(o.lock), rewrite || o.rewrite, scan || o.scan);
  }
}
