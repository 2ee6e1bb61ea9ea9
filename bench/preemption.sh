#!/usr/bin/env bash
# What CPU-bound work does to its neighbours, per stack: the latency of short requests
# (/api/fanout?calls=1&latencyMs=0, one at a time, N of them) while K CPU-bound tasks run beside
# them, done (a) the pitfall way and (b) the recommended way, against a running lab started with
# the pitfall endpoints on (java -jar target/fanout-lab.jar lab --lab.pitfalls.enabled=true):
#
#   stack     (a) pitfall                                          (b) recommended
#   reactive  /api/pitfalls/blocking-on-event-loop?ms=MS: the loop  /api/pitfalls/offloaded?ms=MS
#             serving it is held (Thread.sleep standing for any     (boundedElastic), and /api/cpu
#             blocking call)                                        (the cpu scheduler)
#   virtual   /api/pitfalls/cpu-on-carriers?rounds=ROUNDS: hashing  /api/cpu?rounds=ROUNDS: a platform
#             on the request's virtual thread, holding a carrier    pool of one thread per core
#   blocking  /api/cpu?rounds=ROUNDS on the request's platform thread: the OS time-slices it (one row)
#
# Each of the K tasks is a loop of its call for the whole probe; the probe starts after WAIT_MS.
# A row with K=0 is each stack's baseline. Prints a markdown table to stdout; with OUT set, also
# writes it to OUT/preemption.md.
#
#   bench/preemption.sh
#   K=4 N=100 STACKS=virtual OUT=results/x bench/preemption.sh
#
# Env: STACKS (reactive blocking virtual), K (2 = the cores here), N (60), ROUNDS (1000000),
# MS (1000), WAIT_MS (300), ports LAB_REACTIVE_PORT, LAB_BLOCKING_PORT, LAB_VIRTUAL_PORT.
set -euo pipefail
declare -A PORT=([reactive]=${LAB_REACTIVE_PORT:-8081} [blocking]=${LAB_BLOCKING_PORT:-8082} [virtual]=${LAB_VIRTUAL_PORT:-8083})
STACKS=${STACKS:-reactive blocking virtual}
K=${K:-2}
N=${N:-60}
ROUNDS=${ROUNDS:-1000000}
MS=${MS:-1000}
WAIT_MS=${WAIT_MS:-300}
PROBE=/api/fanout?calls=1\&latencyMs=0

# stack way path: the rows to measure
rows() {
	for s in $STACKS; do
		echo "$s none -"
		case $s in
			reactive)
				echo "$s pitfall /api/pitfalls/blocking-on-event-loop?ms=$MS"
				echo "$s recommended /api/pitfalls/offloaded?ms=$MS"
				echo "$s recommended-cpu /api/cpu?rounds=$ROUNDS" ;;
			virtual)
				echo "$s pitfall /api/pitfalls/cpu-on-carriers?rounds=$ROUNDS"
				echo "$s recommended /api/cpu?rounds=$ROUNDS" ;;
			blocking) echo "$s os-preempted /api/cpu?rounds=$ROUNDS" ;;
		esac
	done
}

# base path k: N probe latencies in ms, one a line, with k loops of path running beside them
probe() {
	local base=$1 path=$2 k=$3 pids=() i
	local stop
	stop=$(mktemp)
	if [[ $path != - ]]; then
		for ((i = 0; i < k; i++)); do
			(while [[ -e $stop ]]; do curl -s -o /dev/null --max-time 60 "$base$path" || true; done) &
			pids+=($!)
		done
		sleep "$(awk "BEGIN { print $WAIT_MS / 1000 }")"
		# the pitfall answers 404 when the lab was started without it
		status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 "$base$path")
		[[ $status == 200 ]] || { echo "$base$path answered $status (start the lab with --lab.pitfalls.enabled=true)" >&2; rm -f "$stop"; exit 1; }
	fi
	for ((i = 0; i < N; i++)); do
		curl -s -o /dev/null --max-time 60 -w '%{time_total}\n' "$base$PROBE"
	done | awk '{ printf "%.1f\n", $1 * 1000 }'
	rm -f "$stop"
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}

table() {
	echo "# Short requests beside CPU-bound work, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, K=$K, N=$N, ROUNDS=$ROUNDS, MS=$MS"
	echo
	echo "| stack | beside the probe | K | probe p50 ms | probe p99 ms | probe max ms |"
	echo "|---|---|---:|---:|---:|---:|"
	while read -r s way path; do
		base=http://127.0.0.1:${PORT[$s]}
		curl -fs -o /dev/null "$base$PROBE" || { echo "$s is not answering on ${PORT[$s]}" >&2; exit 1; }
		k=$K label="$way $path"
		[[ $path == - ]] && k=0 label="nothing (baseline)"
		probe "$base" "$path" "$k" | sort -n | awk -v s="$s" -v way="$label" -v k="$k" '
			{ v[NR] = $1 }
			END {
				p50 = v[int((NR + 1) / 2)]; i99 = int(NR * 0.99 + 0.999); if (i99 < 1) i99 = 1
				printf "| %s | %s | %d | %.1f | %.1f | %.1f |\n", s, way, k, p50, v[i99], v[NR]
			}'
	done < <(rows)
}

out=$(table)
echo "$out"
if [[ -n ${OUT:-} ]]; then
	mkdir -p "$OUT"
	echo "$out" >"$OUT/preemption.md"
fi
