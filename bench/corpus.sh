#!/usr/bin/env bash
# Lints the whole PostgreSQL corpus (../shared/corpus/postgresql.txt) in one process with
# lockstep and with squawk, RUNS times each, alternating, and prints a markdown table with
# the median/min wall time of each, their ratio and squawk's findings per rule.
#
#   bench/corpus.sh            # RUNS=5
#   RUNS=10 bench/corpus.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"

# --- commands (the corpus files are appended; @OUT@ = report path) ----------------
RUNS="${RUNS:-5}"
LOCKSTEP_CMD="${LOCKSTEP_CMD-'$bench_root/lockstep' lint --format json --output @OUT@ --fail-on never}"
SQUAWK_CMD="${SQUAWK_CMD:-'$("$here/install-squawk.sh")' --reporter json}"
# -----------------------------------------------------------------------------------

CORPUS_DIR="$(find_corpus)"
WORK="${WORK:-$(mktemp -d /tmp/lockstep-bench-corpus.XXXXXX)}"
mkdir -p "$WORK"
grep -v '^[[:space:]]*$' "$CORPUS_DIR/postgresql.txt" > "$WORK/files.txt"
[[ -n "$LOCKSTEP_CMD" && ! -f "$bench_root/cli/target/lockstep.jar" && "$LOCKSTEP_CMD" == *lockstep* ]] &&
  echo "note: cli/target/lockstep.jar is missing (build with ./mvnw -q -DskipTests package); lockstep is skipped" >&2 && LOCKSTEP_CMD=""

bench_run "PostgreSQL corpus" "$WORK/files.txt"
