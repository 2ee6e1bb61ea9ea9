#!/usr/bin/env bash
# Which collector and heap size: one stack started once per set of JVM options, beside a running
# lab (java -jar target/fanout-lab.jar lab), with the lab's database, simulator and java (read from
# the run file the lab writes), each measured by bench/cpu-per-request.sh, interleaved (round 1 of
# every configuration, then round 2, ...). Prints every run and the medians per configuration:
# req/s, p99, app CPU ms per request, the share of that CPU in GC threads, the longest pause.
#
#   bench/gc-heap.sh                                   # reactive and virtual, slow, 1,000 clients
#   ROLES=virtual CONFIGS='-Xms1g -Xmx1g -XX:+UseZGC|-Xms1g -Xmx1g -XX:+UseG1GC' bench/gc-heap.sh
#
# The lab's own stacks stay idle; the configurations listen on GC_HEAP_PORT_BASE (18700) and up.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lab.sh
ROLES=${ROLES:-reactive virtual}
CONFIGS=${CONFIGS:--Xms512m -Xmx512m -XX:+UseZGC|-Xms1g -Xmx1g -XX:+UseZGC|-Xms1g -Xmx1g -XX:+UseG1GC|-Xms2g -Xmx2g -XX:+UseZGC}
export PRESET=${PRESET:-slow} CLIENTS=${CLIENTS:-1000} DURATION=${DURATION:-15s} WARMUP=${WARMUP:-10s}
RUNS=${RUNS:-3}
PORT=${GC_HEAP_PORT_BASE:-18700}
SIM_PORT=${LAB_DOWNSTREAM_PORT:-8090}
LAB_ENV=$(lab_env "$SIM_PORT")
[[ -f target/fanout-lab.jar ]] || { echo "needs target/fanout-lab.jar (./mvnw -B -ntp -q package -DskipTests)"; exit 1; }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT

IFS='|' read -r -a OPTS <<<"$CONFIGS"
declare -a NAME CPORT
for role in $ROLES; do
  for opts in "${OPTS[@]}"; do
    ss -Hltn "sport = :$PORT" | grep -q . && { echo "port $PORT is taken (set GC_HEAP_PORT_BASE)"; exit 1; }
    start_beside_lab "/tmp/gc-heap-$PORT.log" "$role" "$opts -XX:+ExitOnOutOfMemoryError" "LAB_${role^^}_PORT=$PORT"
    PIDS+=($!)
    NAME+=("$role $opts"); CPORT+=("$PORT")
    PORT=$((PORT + 1))
  done
done
for i in "${!CPORT[@]}"; do
  wait_ready "http://127.0.0.1:${CPORT[$i]}" 120 || { echo "${NAME[$i]} did not start: /tmp/gc-heap-${CPORT[$i]}.log"; exit 1; }
done

echo "# GC and heap, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, commit $(git rev-parse --short HEAD), preset $PRESET, $CLIENTS clients, $DURATION per run after $WARMUP warm-up, $RUNS rounds"
echo "| round | stack and JVM options | req/s | p99 ms | app CPU ms/req | GC CPU share | longest pause ms |"
echo "|---|---|---|---|---|---|---|"
results=$(mktemp)
for r in $(seq 1 "$RUNS"); do
  for i in "${!CPORT[@]}"; do
    role=${NAME[$i]%% *}
    # the per-run row of cpu-per-request: | run | stack | req/s | p99 | non-2xx | app | sim | wrk | KB | GC CPU | pause share | longest | degraded |
    row=$(env "LAB_${role^^}_PORT=${CPORT[$i]}" STACKS="$role" RUNS=1 bench/cpu-per-request.sh | awk -F'|' '$2 ~ /^ 1 $/')
    IFS='|' read -r _ _ _ rps p99 _ app _ _ _ gccpu _ longest _ <<<"${row// /}"
    echo "| $r | ${NAME[$i]} | $rps | $p99 | $app | $gccpu | $longest |"
    echo "$i|$rps|$p99|$app|${gccpu%\%}|$longest" >>"$results"
  done
done
echo
echo "Medians of $RUNS rounds:"
echo "| stack and JVM options | req/s | p99 ms | app CPU ms/req | GC CPU share % | longest pause ms |"
echo "|---|---|---|---|---|---|"
for i in "${!CPORT[@]}"; do
  python3 - "$results" "$i" "${NAME[$i]}" <<'PY'
import statistics, sys
rows = [l.strip().split('|') for l in open(sys.argv[1]) if l.split('|')[0] == sys.argv[2]]
med = lambda k: statistics.median(float(r[k]) for r in rows)
print(f"| {sys.argv[3]} | {med(1):.0f} | {med(2):.0f} | {med(3):.3f} | {med(4):.0f} | {med(5):.0f} |")
PY
done
rm -f "$results"
