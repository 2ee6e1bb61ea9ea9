#!/usr/bin/env bash
# A/B of two builds (or of two settings of one build), judged by CPU per request: both started
# beside a running lab (java -jar target/fanout-lab.jar lab) with its database, simulator and
# heap, warmed, then measured in interleaved rounds by bench/cpu-per-request.sh (RUNS=1 each,
# order alternating A B, B A). Two JVMs of one build differ by up to 15% here: run an A/A first
# (the same jar twice) to see the spread before reading a difference.
#
#   bench/ab.sh /tmp/before.jar target/fanout-lab.jar              # reactive blocking virtual, 3 rounds
#   STACKS=virtual ROUNDS=5 bench/ab.sh a.jar b.jar
#   B_ENV='MANAGEMENT_OBSERVATIONS_ENABLE_HTTP=false' bench/ab.sh target/fanout-lab.jar target/fanout-lab.jar
#
# A_ENV, B_ENV: NAME=value settings (space-separated) for one side only. Ports from BASE_PORT
# (18900): the stack's A on BASE_PORT + 10 i + 1, its B on + 2. Warm-up: JIT_WARMUP (60s) of fast
# load on each JVM before round 1. Prints the per-run rows prefixed by side and round.
set -euo pipefail
. "$(dirname "$0")/lab.sh"
[[ $# -eq 2 ]] || { sed -n 2,16p "$0"; exit 1; }
JAR_A=$1 JAR_B=$2
STACKS=${STACKS:-reactive blocking virtual}
ROUNDS=${ROUNDS:-3}
BASE_PORT=${BASE_PORT:-18900}
JIT_WARMUP=${JIT_WARMUP:-60s}
LAB_ENV=$(lab_env "${LAB_DOWNSTREAM_PORT:-8090}")
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

declare -A PORT
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT
i=0
for s in $STACKS; do
	i=$((i + 1))
	for side in A B; do
		port=$((BASE_PORT + 10 * i + 1))
		[[ $side == A ]] || port=$((port + 1))
		jar=JAR_$side env=${side}_ENV
		# shellcheck disable=SC2086 # the settings, one NAME=value per word
		LAB_JAR=${!jar} start_beside_lab "/tmp/ab-$s-$side.log" "$s" "" "LAB_${s^^}_PORT=$port" ${!env:-}
		PIDS+=($!)
		PORT[$s$side]=$port
	done
done
for key in "${!PORT[@]}"; do
	wait_ready "http://127.0.0.1:${PORT[$key]}" 180 || { echo "$key did not start: see /tmp/ab-*.log"; exit 1; }
done
for key in "${!PORT[@]}"; do wrk_load 100 "$JIT_WARMUP" "http://127.0.0.1:${PORT[$key]}/api/customers/5/overview" >/dev/null; done

echo "# A/B, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores: A = $JAR_A ${A_ENV:-}, B = $JAR_B ${B_ENV:-}; $ROUNDS interleaved rounds of bench/cpu-per-request.sh (RUNS=1) after $JIT_WARMUP of warm-up"
echo "| side | round | stack | req/s | p99 ms | non-2xx | app CPU ms/req | simulator CPU ms/req | wrk CPU ms/req | KB allocated/req | GC CPU share | GC pause share | longest pause ms | degraded 200s | database CPU ms/req | CPU ceiling req/s |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for r in $(seq 1 "$ROUNDS"); do
	for s in $STACKS; do
		order="A B"; ((r % 2)) || order="B A"
		for side in $order; do
			env RUNS=1 STACKS="$s" "LAB_${s^^}_PORT=${PORT[$s$side]}" "$BENCH_DIR/cpu-per-request.sh" \
				| awk -F'|' '$2 ~ /^ 1 $/' | sed "s/^| 1 |/| $side | $r |/"
		done
	done
done
