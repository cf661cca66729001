package dev.lockstep.core.effects;

public enum RelationKind { TABLE, INDEX, VIEW, MATERIALIZED_VIEW, SEQUENCE, OTHER }
