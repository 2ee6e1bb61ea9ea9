#!/usr/bin/env bash
# How long each stack takes to warm up: a fresh JVM of each stack, started beside a running lab
# (java -jar target/fanout-lab.jar lab) with its database, simulator and heap, loaded at `fast`
# with 100 clients in back-to-back windows; one row per window with the CPU per request of that
# window (bench/cpu-per-request.sh, RUNS=WINDOWS, WARMUP=1s). The figure falls while the JIT
# compiles and flattens once the JVM is warm: warm a stack at least that long before quoting it.
#
#   bench/warmup.sh                                   # reactive blocking virtual, 12 windows of 15 s
#   STACKS=blocking WINDOWS=20 bench/warmup.sh
#   JAVA_OPTS='-Xms2g -Xmx2g -XX:+UseZGC -XX:AOTCache=app.aot' bench/warmup.sh   # other JVM options
#
# One stack at a time, each on a JVM that served nothing before (ports from BASE_PORT, 18950).
set -euo pipefail
. "$(dirname "$0")/lab.sh"
STACKS=${STACKS:-reactive blocking virtual}
WINDOWS=${WINDOWS:-12}
BASE_PORT=${BASE_PORT:-18950}
LAB_ENV=$(lab_env "${LAB_DOWNSTREAM_PORT:-8090}")
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT
echo "# Warm-up, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, fresh JVMs (${JAVA_OPTS:-as the lab}), $WINDOWS windows of 15 s at fast, 100 clients"
i=0
for s in $STACKS; do
	i=$((i + 1))
	port=$((BASE_PORT + i))
	start_beside_lab "/tmp/warmup-$s.log" "$s" "${JAVA_OPTS:-}" "LAB_${s^^}_PORT=$port"
	PIDS+=($!)
	wait_ready "http://127.0.0.1:$port" 180 || { echo "$s did not start: /tmp/warmup-$s.log"; exit 1; }
	env RUNS="$WINDOWS" WARMUP=1s STACKS="$s" "LAB_${s^^}_PORT=$port" "$BENCH_DIR/cpu-per-request.sh" \
		| awk -F'|' 'NR <= 3 && /^\| run/ || $2 ~ /^ [0-9]+ $/'
	kill "${PIDS[-1]}"
	wait "${PIDS[-1]}" 2>/dev/null || true
done
