#!/usr/bin/env bash
# In-process phase breakdown: lints the PostgreSQL corpus RUNS times in one JVM and prints the
# wall time of discover / replay / report for each run. The first run shows the cost of
# a cold start (class loading, interpretation, JIT), the last ones the steady state.
#
#   bench/phases.sh                  # RUNS=10, JVM flags of the launcher (C1 only, serial GC)
#   THREADS=1 bench/phases.sh        # one worker thread in the common pool (0 = caller thread only)
#   JIT=full bench/phases.sh         # C1 and C2, as a long-running process would use
#   LIST=some-list.txt bench/phases.sh   # another list of corpus-relative paths
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"

RUNS="${RUNS:-10}"
JAVA="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
CORPUS_DIR="$(find_corpus)"
LIST="${LIST:-$CORPUS_DIR/postgresql.txt}"
jar="$bench_root/cli/target/lockstep.jar"
[[ -f "$jar" ]] || { echo "cli/target/lockstep.jar is missing (build with ./mvnw -q -DskipTests package)" >&2; exit 1; }

opts=(${GC:--XX:+UseSerialGC} -Xlog:disable -Xlog:all=error:stderr)
[[ "${JIT:-c1}" == full ]] || opts+=(-XX:TieredStopAtLevel=1)
[[ -n "${THREADS:-}" ]] && opts+=("-Djava.util.concurrent.ForkJoinPool.common.parallelism=$THREADS")

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); java: $("$JAVA" -version 2>&1 | head -n 1)" >&2
cd "$CORPUS_DIR"
exec "$JAVA" "${opts[@]}" ${JAVA_OPTS:-} -cp "$jar" dev.lockstep.cli.PhaseBench --runs "$RUNS" --list "$LIST"
