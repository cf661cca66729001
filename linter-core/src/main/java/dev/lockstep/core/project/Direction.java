package dev.lockstep.core.project;

/** Whether a migration file moves the schema forward or reverts it. */
public enum Direction {
  UP,
  DOWN
}
