package dev.lockstep.core.ir;

public enum ConstraintKind {
  PRIMARY_KEY("PRIMARY KEY"),
  UNIQUE("UNIQUE"),
  FOREIGN_KEY("FOREIGN KEY"),
  CHECK("CHECK"),
  EXCLUDE("EXCLUDE"),
  /** A named {@code NOT NULL} table constraint (PostgreSQL 18: may be {@code NOT VALID}). */
  NOT_NULL("NOT NULL");

  private final String sql;

  ConstraintKind(String sql) {
    this.sql = sql;
  }

  public String sql() {
    return sql;
  }
}
