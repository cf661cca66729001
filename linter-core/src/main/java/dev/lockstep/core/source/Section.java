package dev.lockstep.core.source;

/**
 * Which part of a file a statement belongs to. Tools such as goose and dbmate keep the forward
 * ("up") and the reverse ("down") migration in one file; only {@code UP} and {@code WHOLE} are run
 * when migrating forward.
 */
public enum Section {
  /** The file has no sections: every statement runs forward. */
  WHOLE,
  UP,
  DOWN;

  public boolean runsForward() {
    return this != DOWN;
  }
}
