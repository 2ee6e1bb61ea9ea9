#!/usr/bin/env bash
# CPU per request, per stack and for the simulator, against a running lab
# (java -jar target/fanout-lab.jar lab). On a shared, noisy machine req/s and latencies move
# with the neighbours; the CPU a process spends per request barely does, so judge changes by it.
#
# For each run, one stack at a time (interleaved: run 1 of every stack, then run 2, ...):
#   warm-up (wrk -d WARMUP), then wrk -d DURATION -c CLIENTS on PATH_ while reading utime+stime
#   of the stack's JVM and of the simulator's JVM from /proc/<pid>/stat before and after.
# Prints every run, then the medians: load, req/s, p99, app CPU ms per request, simulator CPU ms
# per request (an overview of customer 5 makes 3 simulator calls), the load generator's (wrk's) CPU
# ms per request, the database's (PostgreSQL: the server listening on the lab's database port and
# its backends; — when it is not a local process of this user), and from the stack's
# /actuator/prometheus: KB allocated per request (lab_jvm_allocated_bytes_total, what the JVM counts
# per thread; jvm_gc_memory_allocated_bytes_total, which moves only at collections, from a stack
# without it), the share of
# the JVM's CPU spent by its GC threads (/proc/<pid>/task: a concurrent collector such as ZGC
# works beside the application, so its cost shows there, not in pauses), the share of wall time
# in GC pauses (jvm_gc_pause_seconds_sum), with the longest pause, and the exact
# share of overview 200s whose `degraded` is non-empty (lab_overview_answers_total{degraded}; — when
# PATH_ is not the overview), and the CPU ceiling: the req/s at which the cores would be full with
# this CPU per request of the stack, the simulator, wrk and the database together (cores x 1000 /
# their sum). A run near its ceiling is CPU-bound, whatever its concurrency model allows.
#
#   bench/cpu-per-request.sh                                  # fast, 100 clients, 3 runs of 15 s
#   PRESET=slow CLIENTS=1000 STACKS='reactive virtual' bench/cpu-per-request.sh
#
# Ports: LAB_DOWNSTREAM_PORT, LAB_REACTIVE_PORT, LAB_BLOCKING_PORT, LAB_VIRTUAL_PORT (the lab's);
# LAB_DB_PORT, else the one in the run file the lab writes (LAB_RUN_FILE, <tmp>/fanout-lab-<simulator port>.env).
# The processes are found by their listening port (ss -ltnp), so the lab must run as this user.
set -euo pipefail
. "$(dirname "$0")/lab.sh"
SIM_PORT=${LAB_DOWNSTREAM_PORT:-8090}
declare -A PORT=([reactive]=${LAB_REACTIVE_PORT:-8081} [blocking]=${LAB_BLOCKING_PORT:-8082} [virtual]=${LAB_VIRTUAL_PORT:-8083})
STACKS=${STACKS:-reactive blocking virtual}
RUNS=${RUNS:-3}
CLIENTS=${CLIENTS:-100}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-5s}
PRESET=${PRESET:-fast}
PATH_=${PATH_:-/api/customers/5/overview}
SIM="http://127.0.0.1:$SIM_PORT"
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
TICKS=$(getconf CLK_TCK)

RUN_FILE=$(lab_run_file "$SIM_PORT")
if [[ -f $RUN_FILE ]]; then require_bench_heap "$(cat "$RUN_FILE")" || exit 1; fi
DB_PORT=${LAB_DB_PORT:-$( [[ -f $RUN_FILE ]] && (set -a; eval "$(cat "$RUN_FILE")"; echo "${LAB_DB_PORT:-}") )}
# utime + stime (fields 14 and 15; the command name in field 2 has no spaces for java)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# the same for the JVM's garbage collector threads only (ZGC, G1, Parallel, Shenandoah names):
# concurrent collectors do most of their work outside pauses, so pause time alone hides it
gc_ticks() {
  local t n=0
  for t in /proc/"$1"/task/*; do
    case $(cat "$t/comm" 2>/dev/null) in
      ZWorker* | ZDriver* | ZDirector* | "GC Thread"* | G1\ * | Shenandoah* ) n=$((n + $(awk '{print $14 + $15}' "$t/stat" 2>/dev/null || echo 0))) ;;
    esac
  done
  echo "$n"
}
# PostgreSQL: the postmaster with the CPU of its ended backends (cutime + cstime: a backend's
# CPU moves there when the postmaster reaps it), plus its live backends
db_ticks() {
  [[ -n $db_pid ]] || { echo 0; return; }
  local p n
  n=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$db_pid/stat")
  for p in $(pgrep -P "$db_pid"); do n=$((n + $(cpu_ticks "$p" 2>/dev/null || echo 0))); done
  echo "$n"
}
median() { python3 -c 'import sys,statistics; m=statistics.median(float(x) for x in sys.argv[1:]); print(f"{m:.3f}" if m < 10 else f"{m:.0f}")' "$@"; }
# sum of a Prometheus family on one stack (all series), e.g. jvm_gc_pause_seconds_sum
prom_sum() { curl -sf "http://127.0.0.1:$1/actuator/prometheus" | awk -v m="$2" '$1 ~ "^"m"({|$)" {n+=$NF} END {printf "%.6f\n", n+0}'; }
prom_max() { curl -sf "http://127.0.0.1:$1/actuator/prometheus" | awk -v m="$2" '$1 ~ "^"m"({|$)" && $NF > n {n=$NF} END {printf "%.0f\n", n*1000}'; }
# overviews answered 200 and of them degraded: "<answers> <degraded>"
answers() { curl -sf "http://127.0.0.1:$1/actuator/prometheus" | python3 "$BENCH_DIR/report_data.py" prom /dev/stdin | cut -d' ' -f2-3; }
degraded_share() { python3 -c 'import sys; a0, d0, a1, d1 = map(int, sys.argv[1:]); print(f"{100 * (d1 - d0) / (a1 - a0):.1f}%" if a1 > a0 else "—")' $1 $2; }

sim_pid=$(pid_on "$SIM_PORT")
db_pid=$([[ -n $DB_PORT ]] && pid_on "$DB_PORT" || true)
[ -n "$sim_pid" ] || { echo "no simulator listening on :$SIM_PORT"; exit 1; }
declare -A PID
for s in $STACKS; do
  PID[$s]=$(pid_on "${PORT[$s]}")
  [ -n "${PID[$s]}" ] || { echo "no $s stack listening on :${PORT[$s]}"; exit 1; }
done
# the allocation counter each stack exposes: the exact one, else (an older build) the GC's estimate
declare -A ALLOC_METRIC
for s in $STACKS; do
  ALLOC_METRIC[$s]=lab_jvm_allocated_bytes_total
  curl -sf "http://127.0.0.1:${PORT[$s]}/actuator/prometheus" | grep '^lab_jvm_allocated_bytes_total' >/dev/null \
    || { ALLOC_METRIC[$s]=jvm_gc_memory_allocated_bytes_total; echo "note: $s has no lab_jvm_allocated_bytes_total: KB allocated from jvm_gc_memory_allocated_bytes_total (moves only at collections)"; }
done
curl -sf -X PUT -H 'Content-Type: application/json' -d "{\"preset\":\"$PRESET\"}" "$SIM/admin/profile" >/dev/null

echo "# CPU per request, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, preset $PRESET, $CLIENTS clients, $DURATION per run, $RUNS runs"
echo "| run | stack | req/s | p99 ms | non-2xx | app CPU ms/req | simulator CPU ms/req | wrk CPU ms/req | KB allocated/req | GC CPU share | GC pause share | longest pause ms | degraded 200s | database CPU ms/req | CPU ceiling req/s |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
declare -A RPS P99 APP SIMCPU GENCPU ALLOC GCCPU GCSHARE DEGRADED DBCPU CEILING
CORES=$(nproc)
for r in $(seq 1 "$RUNS"); do
  for s in $STACKS; do
    url="http://127.0.0.1:${PORT[$s]}$PATH_"
    wrk_load "$CLIENTS" "$WARMUP" "$url" >/dev/null
    m0=$(prom_sum "${PORT[$s]}" "${ALLOC_METRIC[$s]}"); g0=$(prom_sum "${PORT[$s]}" jvm_gc_pause_seconds_sum)
    n0=$(answers "${PORT[$s]}")
    a0=$(cpu_ticks "${PID[$s]}"); c0=$(gc_ticks "${PID[$s]}"); d0=$(cpu_ticks "$sim_pid"); b0=$(db_ticks); t0=$(date +%s.%N)
    # wrk in a subshell whose cutime + cstime (fields 16, 17) then hold wrk's own CPU: the load
    # generator shares the cores with what it measures, so its cost is part of the picture
    gen=$( (wrk_load "$CLIENTS" "$DURATION" "$url" >"$tmp"; awk '{print $16 + $17}' "/proc/$BASHPID/stat") )
    a1=$(cpu_ticks "${PID[$s]}"); c1=$(gc_ticks "${PID[$s]}"); d1=$(cpu_ticks "$sim_pid"); b1=$(db_ticks); t1=$(date +%s.%N)
    m1=$(prom_sum "${PORT[$s]}" "${ALLOC_METRIC[$s]}"); g1=$(prom_sum "${PORT[$s]}" jvm_gc_pause_seconds_sum)
    # jvm_gc_pause_seconds_max is the longest pause of the last 2 minutes or so (a decaying max)
    gmax=$(prom_max "${PORT[$s]}" jvm_gc_pause_seconds_max)
    degraded=$(degraded_share "$n0" "$(answers "${PORT[$s]}")")
    # wrk's summary, read by the one parser of it: rps p50 p99 2xx non-2xx errors window 200s
    read -r rps _ p99 ok non2xx _ _ _ < <(python3 "$BENCH_DIR/report_data.py" wrk "$tmp")
    rps=$(printf '%.0f' "$rps"); p99=$(printf '%.0f' "$p99"); n=$((ok + non2xx))
    app=$(python3 -c "print(f'{($a1-$a0)*1000/$TICKS/max($n,1):.3f}')")
    sim=$(python3 -c "print(f'{($d1-$d0)*1000/$TICKS/max($n,1):.3f}')")
    db=$([[ -n $db_pid ]] && python3 -c "print(f'{($b1-$b0)*1000/$TICKS/max($n,1):.3f}')" || echo —)
    gen_cpu=$(python3 -c "print(f'{$gen*1000/$TICKS/max($n,1):.3f}')")
    alloc=$(python3 -c "print(f'{($m1-$m0)/1024/max($n,1):.0f}')")
    gcshare=$(python3 -c "print(f'{100*($g1-$g0)/($t1-$t0):.2f}%')")
    gccpu=$(python3 -c "print(f'{100*($c1-$c0)/max($a1-$a0,1):.0f}%')")
    # every process the run keeps busy, per request (db_ticks is 0 when the database is not measured)
    ceiling=$(python3 -c "t = ($a1-$a0) + ($d1-$d0) + $gen + ($b1-$b0); print(f'{$CORES*$TICKS*max($n,1)/max(t,1):.0f}')")
    RPS[$s]+=" $rps"; P99[$s]+=" $p99"; APP[$s]+=" $app"; SIMCPU[$s]+=" $sim"; GENCPU[$s]+=" $gen_cpu"
    ALLOC[$s]+=" $alloc"; GCCPU[$s]+=" ${gccpu%\%}"; GCSHARE[$s]+=" ${gcshare%\%}"; [[ $degraded == — ]] || DEGRADED[$s]+=" ${degraded%\%}"; [[ $db == — ]] || DBCPU[$s]+=" $db"
    CEILING[$s]+=" $ceiling"
    echo "| $r | $s | $rps | $p99 | $non2xx | $app | $sim | $gen_cpu | $alloc | $gccpu | $gcshare | $gmax | $degraded | $db | $ceiling |"
  done
done
echo
echo "Medians of $RUNS runs:"
echo "| stack | load | req/s | p99 ms | app CPU ms/req | simulator CPU ms/req | wrk CPU ms/req | KB allocated/req | GC CPU share % | GC pause share % | degraded 200s % | database CPU ms/req | CPU ceiling req/s |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for s in $STACKS; do
  # shellcheck disable=SC2086
  echo "| $s | $PRESET, $CLIENTS clients | $(median ${RPS[$s]}) | $(median ${P99[$s]}) | $(median ${APP[$s]}) | $(median ${SIMCPU[$s]}) | $(median ${GENCPU[$s]}) | $(median ${ALLOC[$s]}) | $(median ${GCCPU[$s]}) | $(median ${GCSHARE[$s]}) | $([[ -n ${DEGRADED[$s]:-} ]] && median ${DEGRADED[$s]} || echo —) | $([[ -n ${DBCPU[$s]:-} ]] && median ${DBCPU[$s]} || echo —) | $(median ${CEILING[$s]}) |"
done
