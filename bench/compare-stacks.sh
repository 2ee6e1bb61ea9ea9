#!/usr/bin/env bash
# The stack comparison benchmarks against a running lab (./mvnw spring-boot:run, or java -jar target/fanout-lab.jar lab):
#   1. /api/fanout?calls=10&latencyMs=100, parallel vs sequential: median of RUNS requests per stack
#   2. overview under `fast` at low load (hey -c 5): median latency per stack vs the 120 ms critical path
#   3. overview under `slow` with CLIENTS concurrent clients (hey), one stack at a time: requests/s,
#      p50, p99, the simulator's peak in flight, errors and the exact share of 200s that carry a
#      non-empty `degraded` (from the app's lab_overview_answers_total{degraded}, one count per
#      overview answered 200), beside the Little's-law bound CLIENTS / 0.6 s
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
degraded_counts() { # $1 = stack URL -> "<overview answers 200> <of them degraded>"
  curl -sf "$1/actuator/prometheus" | python3 "$(dirname "$0")/report_data.py" prom /dev/stdin | cut -d' ' -f2-3
}
degraded_share() { # before and after degraded_counts -> "n%" (— when no 200 in between)
  python3 - "$1" "$2" <<'PY'
import sys
(a0, d0), (a1, d1) = (map(int, s.split()) for s in sys.argv[1:3])
print(f"{100 * (d1 - d0) / (a1 - a0):.1f}%" if a1 > a0 else "—")
PY
}
hey_field() { # $1 = hey output file, $2 = rps (every status) | ok_rps (200s only) | 50 | 99
  case $2 in
    rps) awk '/Requests\/sec/ {print $2}' "$1" ;;
    ok_rps) awk '/^  Total:/ {t=$2} /^  \[200\]/ {n=$2} END {printf "%.1f\n", (t > 0 ? n / t : 0)}' "$1" ;;
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
echo "degraded 200s: per run, the exact share of 200s whose degraded is non-empty (lab_overview_answers_total{degraded})"
threads=$(curl -sf "${URL[blocking]}/api/info" | python3 -c 'import json,sys; print(json.load(sys.stdin)["pools"]["server"]["max"])' || echo 200)
echo "200/s: answers with status 200 per second of hey's Total (a quick 503 refusal is not throughput); all statuses/s: hey's Requests/sec"
echo "Little's-law bound: $CLIENTS clients / 0.6 s = $((CLIENTS * 10 / 6)) req/s. Blocking's wall: Tomcat's $threads threads / 0.6 s = $((threads * 10 / 6)) req/s (its fan-out pool, sized by the rule in /api/info, should not be lower)"
echo "| stack | 200/s | share of bound | all statuses/s | p50 | p99 | simulator peak in flight | non-2xx | degraded 200s |"
echo "|---|---|---|---|---|---|---|---|---|"
profile slow
for s in $STACKS; do
  rps=(); ok_rps=(); p50=(); p99=(); peak=(); errors=(); degraded=()
  hey -z 5s -c "$CLIENTS" "${URL[$s]}/api/customers/5/overview" >/dev/null
  for r in $(seq 1 "$RUNS"); do
    curl -sf -X POST "$SIM/admin/stats/reset" >/dev/null
    before=$(degraded_counts "${URL[$s]}")
    hey -z "$DURATION" -c "$CLIENTS" "${URL[$s]}/api/customers/5/overview" >"$tmp"
    degraded+=("$(degraded_share "$before" "$(degraded_counts "${URL[$s]}")")")
    rps+=("$(hey_field "$tmp" rps)"); ok_rps+=("$(hey_field "$tmp" ok_rps)"); p50+=("$(hey_field "$tmp" 50)"); p99+=("$(hey_field "$tmp" 99)")
    peak+=("$(curl -sf "$SIM/admin/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["peakInFlight"])')")
    errors+=("$(awk '/\[[0-9]+\]/ && $1 !~ /\[2/ {n+=$2} END {print n+0}' "$tmp")")
  done
  m=$(median "${ok_rps[@]}")
  share=$(python3 -c "print(f'{100*$m/($CLIENTS/0.6):.0f}%')")
  echo "| $s | $m | $share | $(median "${rps[@]}") | $(median "${p50[@]}") ms | $(median "${p99[@]}") ms | $(median "${peak[@]}") | $(median "${errors[@]}") | ${degraded[*]} |"
done
profile fast
rm -f "$tmp"
