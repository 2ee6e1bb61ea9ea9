#!/usr/bin/env bash
# CPU per request, the input of the capacity predictions in docs/kubernetes.md: for each stack,
# a steady closed load on the overview (hey -c CLIENTS for DURATION, simulator preset PROFILE),
# and the CPU time its JVM and the simulator's JVM spent meanwhile (/proc/PID/stat, so JIT and
# GC threads count too), divided by the requests answered and by the simulator calls served.
# Against a running lab on this machine (java -jar target/fanout-lab.jar lab): the JVMs are
# found by their listening ports. Each figure is the median of RUNS runs, after a warm-up of
# WARMUP at the same load (the JIT; on a loaded machine 5 s left reactive's first run 5x slower).
#   RUNS=3 DURATION=15s CLIENTS=50 bench/cpu-per-request.sh
set -euo pipefail
declare -A PORT=([reactive]=${LAB_REACTIVE_PORT:-8081} [blocking]=${LAB_BLOCKING_PORT:-8082} [virtual]=${LAB_VIRTUAL_PORT:-8083})
SIM_PORT=${LAB_DOWNSTREAM_PORT:-8090}
SIM=http://127.0.0.1:$SIM_PORT
STACKS=${STACKS:-reactive blocking virtual}
RUNS=${RUNS:-3}
DURATION=${DURATION:-15s}
CLIENTS=${CLIENTS:-50}
PROFILE=${PROFILE:-fast}
WARMUP=${WARMUP:-20s}
command -v hey >/dev/null || { echo "needs hey (apt-get install hey)"; exit 1; }
TICK=$(getconf CLK_TCK)

pid_on() { ss -Hltnp "sport = :$1" | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2; }
cpu_seconds() { awk -v t="$TICK" '{print ($14 + $15) / t}' "/proc/$1/stat"; }
sim_requests() { curl -sf "$SIM/admin/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["requests"])'; }
median() { python3 -c 'import sys,statistics; print(f"{statistics.median(float(x) for x in sys.argv[1:]):.2f}")' "$@"; }

sim_pid=$(pid_on "$SIM_PORT")
[[ -n $sim_pid ]] || { echo "no simulator listening on $SIM_PORT"; exit 1; }
curl -sf -X PUT -H 'Content-Type: application/json' -d "{\"preset\":\"$PROFILE\"}" "$SIM/admin/profile" >/dev/null
echo "# CPU per overview request, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, preset $PROFILE, hey -c $CLIENTS -z $DURATION after $WARMUP of warm-up, median of $RUNS"
echo
echo "| stack | req/s | stack CPU ms / request | simulator calls / request | simulator CPU ms / call |"
echo "|---|---|---|---|---|"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for s in $STACKS; do
  pid=$(pid_on "${PORT[$s]}")
  [[ -n $pid ]] || { echo "no $s listening on ${PORT[$s]}"; exit 1; }
  url="http://127.0.0.1:${PORT[$s]}/api/customers/5/overview"
  hey -z "$WARMUP" -c "$CLIENTS" "$url" >/dev/null
  rps=(); cpu=(); calls=(); sim_cpu=()
  for _ in $(seq 1 "$RUNS"); do
    c0=$(cpu_seconds "$pid"); s0=$(cpu_seconds "$sim_pid"); n0=$(sim_requests)
    hey -z "$DURATION" -c "$CLIENTS" "$url" >"$out"
    c1=$(cpu_seconds "$pid"); s1=$(cpu_seconds "$sim_pid"); n1=$(sim_requests)
    ok=$(awk '/\[200\]/ {print $2}' "$out")
    [[ -n $ok && $ok -gt 0 ]] || { echo "$s answered no 200"; cat "$out"; exit 1; }
    rps+=("$(awk '/Requests\/sec/ {print $2}' "$out")")
    cpu+=("$(python3 -c "print(($c1 - $c0) * 1000 / $ok)")")
    calls+=("$(python3 -c "print(($n1 - $n0) / $ok)")")
    sim_cpu+=("$(python3 -c "print(($s1 - $s0) * 1000 / max(1, $n1 - $n0))")")
  done
  echo "| $s | $(median "${rps[@]}") | $(median "${cpu[@]}") | $(median "${calls[@]}") | $(median "${sim_cpu[@]}") |"
done
