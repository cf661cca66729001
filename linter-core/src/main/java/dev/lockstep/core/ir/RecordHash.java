package dev.lockstep.core.ir;

import java.util.Objects;

/**
 * The hash a record's generated {@code hashCode} computes, for records that write out their
 * {@code equals} and {@code hashCode}: a record's generated methods are linked through method
 * handles the first time they run, which costs milliseconds per record type in a short run.
 * Written-out methods must compare and hash exactly as the generated ones would (same hash values,
 * so hash-ordered iteration does not change); {@code WrittenOutRecordMethodsTest} checks them.
 */
public final class RecordHash {
  private RecordHash() {}

  /** {@code 31 * h + hash(component)} over the components in declaration order, from 0. */
  public static int of(Object... components) {
    int h = 0;
    for (Object c : components) {
      h = 31 * h + Objects.hashCode(c);
    }
    return h;
  }
}
