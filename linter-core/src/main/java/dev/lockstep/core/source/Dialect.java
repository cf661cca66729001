package dev.lockstep.core.source;

/** SQL dialect of a migration file. */
public enum Dialect {
  POSTGRESQL("postgresql"),
  MYSQL("mysql");

  private final String id;

  Dialect(String id) {
    this.id = id;
  }

  /** The lower-case name used in configuration and output. */
  public String id() {
    return id;
  }
}
