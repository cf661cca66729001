#!/usr/bin/env bash
# Like corpus.sh, for one large file: by default the largest file of the PostgreSQL corpus
# (or FILE=path/relative/to/corpus).
#
#   bench/single-file.sh       # RUNS=5
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"

# --- commands (the file is appended; @OUT@ = report path) ---------------------------
RUNS="${RUNS:-5}"
LOCKSTEP_CMD="${LOCKSTEP_CMD-'$bench_root/lockstep' lint --format json --output @OUT@ --fail-on never}"
SQUAWK_CMD="${SQUAWK_CMD:-'$("$here/install-squawk.sh")' --reporter json}"
# -----------------------------------------------------------------------------------

CORPUS_DIR="$(find_corpus)"
WORK="${WORK:-$(mktemp -d /tmp/lockstep-bench-single.XXXXXX)}"
mkdir -p "$WORK"
if [[ -z "${FILE:-}" ]]; then
  FILE="$(cd "$CORPUS_DIR" && grep -v '^[[:space:]]*$' postgresql.txt | xargs -d '\n' stat -c '%s %n' | sort -n | tail -n 1 | cut -d' ' -f2-)"
fi
echo "$FILE" > "$WORK/files.txt"
[[ -n "$LOCKSTEP_CMD" && ! -f "$bench_root/cli/target/lockstep.jar" && "$LOCKSTEP_CMD" == *lockstep* ]] &&
  echo "note: cli/target/lockstep.jar is missing (build with ./mvnw -q -DskipTests package); lockstep is skipped" >&2 && LOCKSTEP_CMD=""

bench_run "Single file: $FILE ($(stat -c %s "$CORPUS_DIR/$FILE") bytes)" "$WORK/files.txt"
