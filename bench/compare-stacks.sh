#!/usr/bin/env bash
# The issue-3 benchmarks against a running lab (./mvnw spring-boot:run, or java -jar target/fanout-lab.jar lab):
#   1. /api/fanout?calls=10&latencyMs=100, parallel vs sequential: median of RUNS requests per stack
#   2. overview under `fast` at low load (hey -c 5): median latency per stack vs the 120 ms critical path
#   3. overview under `slow` with CLIENTS concurrent clients (hey), one stack at a time: requests/s,
#      p50, p99, the simulator's peak in flight, beside the Little's-law bound CLIENTS / 0.6 s
# Each number is the median of RUNS runs. hey comes from Debian (apt-get install hey).
set -euo pipefail
SIM=${SIMULATOR_URL:-http://localhost:8090}
declare -A URL=([reactive]=${REACTIVE_URL:-http://localhost:8081} [blocking]=${BLOCKING_URL:-http://localhost:8082} [virtual]=${VIRTUAL_URL:-http://localhost:8083})
STACKS=${STACKS:-reactive blocking virtual}
RUNS=${RUNS:-3}
CLIENTS=${CLIENTS:-1000}
DURATION=${DURATION:-20s}
command -v hey >/dev/null || { echo "needs hey (apt-get install hey)"; exit 1; }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

median() { python3 -c 'import sys,statistics; v=[float(x) for x in sys.argv[1:]]; print(f"{statistics.median(v):.1f}")' "$@"; }
profile() { curl -sf -X PUT -H 'Content-Type: application/json' -d "{\"preset\":\"$1\"}" "$SIM/admin/profile" >/dev/null; }
hey_field() { # $1 = hey output file, $2 = Requests/sec | 50% | 99%
  case $2 in
    rps) awk '/Requests\/sec/ {print $2}' "$1" ;;
    *) awk -v p="$2%" '$1==p && $2=="in" {printf "%.1f\n", $3*1000}' "$1" ;;
  esac
}

echo "# Fan-out Lab benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, RUNS=$RUNS"
profile fast
echo
echo "## 1. /api/fanout?calls=10&latencyMs=100 (median elapsedMs of $((RUNS * 5)) requests)"
echo "| stack | parallel | sequential |"
echo "|---|---|---|"
for s in $STACKS; do
  for mode in parallel sequential; do
    vals=()
    for i in $(seq 1 $((RUNS * 5))); do
      vals+=("$(curl -sf "${URL[$s]}/api/fanout?calls=10&latencyMs=100&mode=$mode" | python3 -c 'import json,sys; print(json.load(sys.stdin)["elapsedMs"])')")
    done
    declare "m_$mode=$(median "${vals[@]}")"
  done
  echo "| $s | $m_parallel ms | $m_sequential ms |"
done

echo
echo "## 2. overview under fast, low load (hey -n 200 -c 5), critical path 120 ms"
echo "| stack | p50 (median of runs) | p99 |"
echo "|---|---|---|"
tmp=$(mktemp)
for s in $STACKS; do
  hey -n 100 -c 5 "${URL[$s]}/api/customers/5/overview" >/dev/null
  p50=(); p99=()
  for r in $(seq 1 "$RUNS"); do
    hey -n 200 -c 5 "${URL[$s]}/api/customers/5/overview" >"$tmp"
    p50+=("$(hey_field "$tmp" 50)"); p99+=("$(hey_field "$tmp" 99)")
  done
  echo "| $s | $(median "${p50[@]}") ms | $(median "${p99[@]}") ms |"
done

echo
echo "## 3. overview under slow, $CLIENTS concurrent clients for $DURATION, one stack at a time"
echo "Little's-law bound: $CLIENTS clients / 0.6 s = $((CLIENTS * 10 / 6)) req/s. Blocking's walls: Tomcat, 200 threads / 0.6 s = 333 req/s; its fan-out pool, 200 threads / 1.3 s of downstream calls per request (0.6 + 0.3 + 0.4) = 154 req/s"
echo "| stack | req/s | share of bound | p50 | p99 | simulator peak in flight | non-2xx |"
echo "|---|---|---|---|---|---|---|"
profile slow
for s in $STACKS; do
  rps=(); p50=(); p99=(); peak=(); errors=()
  hey -z 5s -c "$CLIENTS" "${URL[$s]}/api/customers/5/overview" >/dev/null
  for r in $(seq 1 "$RUNS"); do
    curl -sf -X POST "$SIM/admin/stats/reset" >/dev/null
    hey -z "$DURATION" -c "$CLIENTS" "${URL[$s]}/api/customers/5/overview" >"$tmp"
    rps+=("$(hey_field "$tmp" rps)"); p50+=("$(hey_field "$tmp" 50)"); p99+=("$(hey_field "$tmp" 99)")
    peak+=("$(curl -sf "$SIM/admin/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["peakInFlight"])')")
    errors+=("$(awk '/\[[0-9]+\]/ && $1 !~ /\[2/ {n+=$2} END {print n+0}' "$tmp")")
  done
  m=$(median "${rps[@]}")
  share=$(python3 -c "print(f'{100*$m/($CLIENTS/0.6):.0f}%')")
  echo "| $s | $m | $share | $(median "${p50[@]}") ms | $(median "${p99[@]}") ms | $(median "${peak[@]}") | $(median "${errors[@]}") |"
done
profile fast
rm -f "$tmp"
