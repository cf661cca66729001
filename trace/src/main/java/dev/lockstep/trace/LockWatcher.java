package dev.lockstep.trace;

/**
 * Observes the relation locks of a statement that cannot run inside a transaction block ({@code
 * CREATE INDEX CONCURRENTLY}, {@code VACUUM}, ...), whose locks are gone by the time it returns.
 *
 * <p>A second session, connected to the {@code postgres} database (so that {@code CONCURRENTLY}
 * commands, which wait only for transactions of their own database, never wait for it), calls
 * {@code lockstep_watch}: a PL/pgSQL loop that reads {@code pg_locks} for the executing backend's
 * pid as fast as the server can (tens of microseconds a round, far shorter than any phase of these
 * commands) and remembers every (relation, mode, granted) it sees, including waiting requests. The
 * watcher announces that it is reading by taking the advisory lock (key1, key2 + READY_OFFSET), and
 * the statement starts only once that lock shows (a function call becomes "active" some
 * milliseconds before its loop runs, longer than a small {@code VACUUM} takes). The
 * executing session announces the end of its statement by taking the advisory lock (key1, key2),
 * which the loop sees in the same {@code pg_locks} read, so no fixed sleep is needed. A lock is seen
 * when it is held for at least one round of the loop; so that the loop keeps its CPU on a busy
 * machine, the watcher's backend is reniced to -15 when the build runs as root.
 */
final class LockWatcher {
  static final int ADVISORY_KEY1 = 0x10c5;
  /** The watcher holds (key1, key2 + READY_OFFSET) from just before its first read of pg_locks. */
  static final int READY_OFFSET = 1_000_000;

  static final String FUNCTION_SQL = """
      CREATE FUNCTION lockstep_watch(target int, db oid, key2 int, timeout_ms int)
      RETURNS TABLE(relid oid, lockmode text, granted boolean)
      LANGUAGE plpgsql AS $$
      DECLARE
        seen text[] := '{}';
        deadline timestamptz := clock_timestamp() + make_interval(secs => timeout_ms / 1000.0);
        r record;
        k text;
        done boolean := false;
        rounds int := 0;
      BEGIN
        PERFORM pg_advisory_xact_lock(%1$d, key2 + %2$d);
        LOOP
          FOR r IN SELECT l.locktype, l.database, l.relation, l.mode, l.granted, l.classid, l.objid
                   FROM pg_locks l WHERE l.pid = target LOOP
            IF r.locktype = 'advisory' AND r.classid = %1$d AND r.objid = key2 AND r.granted THEN
              done := true;
            ELSIF r.locktype = 'relation' AND r.database = db THEN
              k := r.relation::text || ':' || r.mode || ':' || r.granted::text;
              IF NOT k = ANY (seen) THEN
                seen := seen || k;
              END IF;
            END IF;
          END LOOP;
          rounds := rounds + 1;
          EXIT WHEN done OR clock_timestamp() > deadline;
        END LOOP;
        IF NOT done THEN
          RAISE EXCEPTION 'lockstep_watch: no end signal from pid %% within %% ms', target, timeout_ms;
        END IF;
        RETURN QUERY SELECT split_part(s, ':', 1)::oid, split_part(s, ':', 2), split_part(s, ':', 3)::boolean
                     FROM unnest(seen) AS s
                     UNION ALL SELECT 0::oid, 'rounds ' || rounds, true;
      END
      $$""".formatted(ADVISORY_KEY1, READY_OFFSET);

  private LockWatcher() {}
}
