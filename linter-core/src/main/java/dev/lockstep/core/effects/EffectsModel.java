package dev.lockstep.core.effects;

import dev.lockstep.core.catalog.Catalog;
import dev.lockstep.core.ir.Operation;

/** Predicts what an operation does on a live server, given the schema before it. */
public interface EffectsModel {
  /**
   * @param op the operation
   * @param before the catalog state just before the operation
   * @param serverVersion the PostgreSQL major version (12..18)
   */
  Effects effects(Operation op, Catalog before, int serverVersion);
}
