package dev.lockstep.rules;

import dev.lockstep.core.rule.FileInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers which findings a rule already reported in one lint run of a file, for rules that
 * report once per file or once per transaction instead of once per statement.
 *
 * <p>The engine hands every operation of one run of a file the same {@link FileInfo} instance, in
 * statement order, so a run is identified by that instance's identity; linting the same text
 * again (a new run) starts afresh. Only the most recent runs are remembered.
 */
final class OncePer {
  private static final int REMEMBERED = 512;

  private final Map<Key, Boolean> seen = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
      return size() > REMEMBERED;
    }
  };

  /** True the first time it is called for this run of {@code file} and {@code scope}, false afterwards. */
  boolean first(FileInfo file, Object scope) {
    Key key = new Key(file, scope);
    synchronized (seen) {
      return seen.put(key, Boolean.TRUE) == null;
    }
  }

  private record Key(FileInfo file, Object scope) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.file == file && Objects.equals(k.scope, scope);
    }

    @Override
    public int hashCode() {
      return 31 * System.identityHashCode(file) + Objects.hashCode(scope);
    }
  }
}
