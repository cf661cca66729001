package dev.lockstep.core.effects;

/** An inclusive range of PostgreSQL major versions. */
public record VersionRange(int from, int to) {
  public static final VersionRange ALL = new VersionRange(ServerVersions.MIN, ServerVersions.MAX);

  public VersionRange {
    if (from > to) {
      throw new IllegalArgumentException("empty version range " + from + ".." + to);
    }
  }

  public boolean contains(int version) {
    return version >= from && version <= to;
  }

  public String display() {
    return from == to ? Integer.toString(from) : from + "–" + to;
  }
}
