# Shared by corpus.sh and single-file.sh; sourced, not run.
#   bench_run NAME_OF_SET FILES_LIST_PATH
# Uses: RUNS, LOCKSTEP_CMD, LOCKSTEP_JAVA2_HOME, LOCKSTEP_BASELINE_CMD, DAEMON, DAEMON_WARMUP, SQUAWK_CMD,
# CORPUS_DIR, WORK.

bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The corpus sits next to the repository: ../shared/corpus from the repo root. In a git
# worktree the main checkout's neighbour is tried as well.
find_corpus() {
  if [[ -n "${CORPUS_DIR:-}" ]]; then echo "$CORPUS_DIR"; return; fi
  local candidate="$bench_root/../shared/corpus"
  if [[ ! -f "$candidate/postgresql.txt" ]]; then
    local common
    common="$(git -C "$bench_root" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)"
    [[ -n "$common" && -f "$common/../../shared/corpus/postgresql.txt" ]] && candidate="$common/../../shared/corpus"
  fi
  [[ -f "$candidate/postgresql.txt" ]] || { echo "corpus not found at $bench_root/../shared/corpus (set CORPUS_DIR)" >&2; exit 1; }
  (cd "$candidate" && pwd)
}

now() { date +%s.%N; }

# write_runner TOOL COMMAND LIST: a script that runs COMMAND on every file of LIST from
# inside the corpus folder (so reports show corpus-relative paths), in one process.
# "@OUT@" in COMMAND is replaced by the report path; without it stdout is the report.
# The tool's exit code is saved next to the report; the script itself exits 0.
write_runner() {
  local tool="$1" cmd="$2" list="$3" out="$WORK/$1.out" env="${4:-}"
  local redirect=">\"$out\""
  if [[ "$cmd" == *"@OUT@"* ]]; then cmd="${cmd//@OUT@/\"$out\"}"; redirect=">\"$WORK/$tool.stdout\""; fi
  cat > "$WORK/run-$tool.sh" <<RUNNER
#!/usr/bin/env bash
$env
cd "$CORPUS_DIR" || exit 1
mapfile -t files < "$list"
rm -f "$out"
$cmd "\${files[@]}" $redirect 2>"$WORK/$tool.stderr"
echo \$? > "$WORK/$tool.rc"
exit 0
RUNNER
  chmod +x "$WORK/run-$tool.sh"
}

# daemon_cpu PID: CPU seconds (user + system) the process has used so far.
daemon_cpu() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.3f\n", ($14 + $15) / hz }' "/proc/$1/stat"
}

# stats FILE: "median min" of the numbers in FILE (one per line), in seconds.
stats() {
  sort -g "$1" | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "- -"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.3f %.3f\n", m, v[1] }'
}

# squawk_rules REPORT: "count rule" lines, most frequent first.
squawk_rules() {
  if command -v jq >/dev/null; then
    jq -r '.[].rule_name' "$1" | sort | uniq -c | sort -rn
  else
    python3 -c 'import json, sys, collections
for rule, n in collections.Counter(f["rule_name"] for f in json.load(open(sys.argv[1]))).most_common():
    print(f"{n:7d} {rule}")' "$1"
  fi
}

bench_run() {
  local title="$1" list="$2" nfiles
  nfiles="$(grep -c . "$list")"
  local tools=()

  if [[ -n "$LOCKSTEP_CMD" ]]; then
    local variants=(lockstep) v
    # LOCKSTEP_DAEMON=0: in-process, even when the user has a daemon of this build running
    write_runner lockstep "$LOCKSTEP_CMD" "$list" "export LOCKSTEP_DAEMON=0"
    # The same command on a second JDK (the launcher picks its java from JAVA_HOME).
    if [[ -n "${LOCKSTEP_JAVA2_HOME:-}" ]]; then
      if [[ -x "$LOCKSTEP_JAVA2_HOME/bin/java" ]]; then
        local java2
        java2="jdk$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$LOCKSTEP_JAVA2_HOME/release" 2>/dev/null)"
        variants+=("lockstep-$java2")
        write_runner "lockstep-$java2" "$LOCKSTEP_CMD" "$list" "export JAVA_HOME='$LOCKSTEP_JAVA2_HOME' LOCKSTEP_DAEMON=0"
      else
        echo "LOCKSTEP_JAVA2_HOME=$LOCKSTEP_JAVA2_HOME has no bin/java; that variant is skipped" >&2
      fi
    fi
    # Another build to compare with (say, the jar of an earlier commit), reported as "baseline".
    if [[ -n "${LOCKSTEP_BASELINE_CMD:-}" ]]; then
      variants+=(baseline)
      write_runner baseline "$LOCKSTEP_BASELINE_CMD" "$list" "export LOCKSTEP_DAEMON=0"
    fi
    # The same command handed to a daemon (lockstep daemon start) of this checkout's build, in a
    # folder of its own; warmed by DAEMON_WARMUP runs first, and its CPU time added to the client's.
    if [[ "${DAEMON:-}" == 1 ]]; then
      daemon_dir="$WORK/d"
      variants+=(lockstep-daemon)
      write_runner lockstep-daemon "$LOCKSTEP_CMD" "$list" "export LOCKSTEP_DAEMON_DIR='$daemon_dir'"
      LOCKSTEP_DAEMON_DIR="$daemon_dir" "$bench_root/lockstep" daemon start --idle-minutes 30 >&2 || return 1
      daemon_pid="$(LOCKSTEP_DAEMON_DIR="$daemon_dir" "$bench_root/lockstep" daemon status | sed -n 's/.*: pid \([0-9]*\),.*/\1/p')"
      # its own warm-up on the bundled migrations first, so that it does not overlap the runs below
      for ((w = 0; w < 600; w++)); do
        LOCKSTEP_DAEMON_DIR="$daemon_dir" "$bench_root/lockstep" daemon status | grep -q ', warming up' || break
        sleep 0.2
      done
      trap 'LOCKSTEP_DAEMON_DIR="$daemon_dir" "$bench_root/lockstep" daemon stop >/dev/null 2>&1' EXIT
    fi
    for v in "${variants[@]}"; do
      "$WORK/run-$v.sh"   # check run, also warms the page cache (and makes the launcher's archive)
      if [[ "$(cat "$WORK/$v.rc")" != 0 ]]; then
        echo "$v exited $(cat "$WORK/$v.rc") on the check run; skipped. stderr:" >&2
        head -n 20 "$WORK/$v.stderr" >&2
      else
        [[ -s "$WORK/$v.out" ]] || echo "note: $v wrote no report to $WORK/$v.out" >&2
        tools+=("$v")
        if [[ "$v" == lockstep-daemon ]]; then
          local w
          echo "warming the daemon: ${DAEMON_WARMUP:-20} runs" >&2
          for ((w = 0; w < ${DAEMON_WARMUP:-20}; w++)); do "$WORK/run-$v.sh"; done
        fi
        if [[ "$v" != lockstep ]] && ! cmp -s "$WORK/lockstep.out" "$WORK/$v.out"; then
          echo "note: the reports of lockstep and $v differ" >&2
        fi
      fi
    done
  fi
  write_runner squawk "$SQUAWK_CMD" "$list"
  "$WORK/run-squawk.sh"
  case "$(cat "$WORK/squawk.rc")" in
    0|1) tools+=(squawk) ;;   # 1 = findings reported
    *) echo "squawk exited $(cat "$WORK/squawk.rc") on the check run; skipped. stderr:" >&2
       head -n 20 "$WORK/squawk.stderr" >&2 ;;
  esac
  [[ ${#tools[@]} -gt 0 ]] || { echo "nothing to measure" >&2; return 1; }

  local t timer
  for t in "${tools[@]}"; do : > "$WORK/$t.times"; : > "$WORK/$t.cpu"; done
  if command -v hyperfine >/dev/null && [[ "${NO_HYPERFINE:-}" != 1 ]]; then timer=hyperfine; else timer="date loop"; fi
  echo "measuring ${tools[*]}: $RUNS runs each, alternating, timer: $timer" >&2

  local i start end load_before
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  local cpu_before extra
  for ((i = 1; i <= RUNS; i++)); do
    for t in "${tools[@]}"; do
      if [[ "$timer" == hyperfine ]]; then
        extra=0
        [[ "$t" == lockstep-daemon ]] && cpu_before="$(daemon_cpu "$daemon_pid")"
        hyperfine -N --runs 1 --style none --export-csv "$WORK/h.csv" -n "$t" "$WORK/run-$t.sh" >/dev/null
        [[ "$t" == lockstep-daemon ]] && extra="$(awk -v a="$cpu_before" -v b="$(daemon_cpu "$daemon_pid")" 'BEGIN { print b - a }')"
        awk -F, 'NR == 2 { print $2 }' "$WORK/h.csv" >> "$WORK/$t.times"
        awk -F, -v extra="$extra" 'NR == 2 { print $5 + $6 + extra }' "$WORK/h.csv" >> "$WORK/$t.cpu"
      else
        start="$(now)"; "$WORK/run-$t.sh"; end="$(now)"
        awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f\n", b - a }' >> "$WORK/$t.times"
      fi
    done
  done

  echo
  echo "### $title"
  echo
  echo "$nfiles file(s), $RUNS runs each, alternating ($timer)."
  echo
  echo "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [[ " ${tools[*]} " == *" lockstep-daemon "* ]]; then
    echo
    echo "lockstep-daemon: the same command handed to a running \`lockstep daemon\` (pid $daemon_pid), warmed by"
    echo "${DAEMON_WARMUP:-20} runs before the measurement; its CPU column adds the daemon's CPU time to the client's."
  fi
  echo
  echo "| tool | median wall (s) | min wall (s) | median CPU user+sys (s) | runs | exit code |"
  echo "|------|----------------:|-------------:|------------------------:|-----:|----------:|"
  local median min cpu cmin
  declare -A med
  declare -A medcpu
  for t in "${tools[@]}"; do
    read -r median min < <(stats "$WORK/$t.times")
    read -r cpu cmin < <(stats "$WORK/$t.cpu")
    med[$t]="$median"
    medcpu[$t]="$cpu"
    echo "| $t | $median | $min | $cpu | $(grep -c . "$WORK/$t.times") | $(cat "$WORK/$t.rc") |"
  done
  for t in "${tools[@]}"; do
    [[ "$t" != squawk && -n "${med[squawk]:-}" ]] || continue
    echo
    echo "$t / squawk (median wall): $(awk -v a="${med[$t]}" -v b="${med[squawk]}" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')x"
    if [[ "${medcpu[$t]}" != - ]]; then
      echo "$t / squawk (median CPU): $(awk -v a="${medcpu[$t]}" -v b="${medcpu[squawk]}" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')x"
    fi
  done

  if [[ " ${tools[*]} " == *" squawk "* ]]; then
    echo
    echo "squawk findings: $(squawk_rules "$WORK/squawk.out" | awk '{ s += $1 } END { print s + 0 }')"
    echo
    echo "| rule | findings |"
    echo "|------|---------:|"
    squawk_rules "$WORK/squawk.out" | awk '{ printf "| %s | %d |\n", $2, $1 }'
  fi
  echo
  echo "reports: $WORK/{lockstep,squawk}.out" >&2
}
