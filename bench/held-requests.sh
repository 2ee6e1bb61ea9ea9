#!/usr/bin/env bash
# Memory per request in flight, over HTTP: each stack started beside a running lab (its database,
# simulator and java, read from the run file the lab writes) with Native Memory Tracking and a fixed
# heap, then, N rising, N requests held open at once (`/api/fanout?calls=HOLD_CALLS&latencyMs=HOLD_MS&mode=sequential`:
# one server socket, one request thread or none, one simulator call at a time each, held
# HOLD_CALLS x HOLD_MS, 60 s by default, longer than the whole series takes; each call shorter than
# the simulator's 10 s read timeout) by
# bench/hold.py, the requests of each N staying in flight while those of the next join them.
# While they are held: a full GC (jcmd GC.run), then the heap used, RSS, the thread count and NMT's
# thread stacks (reserved, committed). Writes CSV to stdout (OUT/held.csv when OUT is set);
# bench/claims_report.py fits the slopes.
#
#   bench/held-requests.sh                              # reactive, blocking, virtual; N 0 1000 2000 4000 8000
#   STACKS=virtual HELD='0 500 1000' bench/held-requests.sh
#
# Every held request takes two file descriptors of its stack (the client's socket and the one to
# the simulator): 8,000 fit under this machine's 20,000 per process. The blocking stack gets
# Tomcat threads for the largest N, so that none waits in a queue.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lab.sh
STACKS=${STACKS:-reactive blocking virtual}
HELD=${HELD:-0 1000 2000 4000 8000}
HOLD_MS=${HOLD_MS:-5000}
HOLD_CALLS=${HOLD_CALLS:-12}
HELD_JAVA_OPTS=${HELD_JAVA_OPTS:--Xms2g -Xmx2g -XX:+UseG1GC -XX:NativeMemoryTracking=summary -XX:+ExitOnOutOfMemoryError}
PORT=${HELD_PORT_BASE:-18760}
SIM_PORT=${LAB_DOWNSTREAM_PORT:-8090}
LAB_ENV=$(lab_env "$SIM_PORT")
eval "$(grep '^LAB_JAVA=' <<<"$LAB_ENV")"
JCMD=$(dirname "$LAB_JAVA")/jcmd
[[ -f ${LAB_JAR:-target/fanout-lab.jar} ]] || { echo "needs target/fanout-lab.jar (./mvnw -B -ntp -q package -DskipTests)" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
max_n=$(tr ' ' '\n' <<<"$HELD" | sort -n | tail -1)
LOGS=${OUT:-${TMPDIR:-/tmp}}/logs
mkdir -p "$LOGS"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT

declare -A SPORT SPID
for stack in $STACKS; do
	ss -Hltn "sport = :$PORT" | grep -q . && { echo "port $PORT is taken (set HELD_PORT_BASE)" >&2; exit 1; }
	start_beside_lab "$LOGS/held-$stack.log" "$stack" "$HELD_JAVA_OPTS" "LAB_${stack^^}_PORT=$PORT" \
		LAB_ADMISSION_MAX_CONCURRENT=$((max_n + 1000)) LAB_HTTP_MAX_CONNECTIONS=$((max_n + 1000)) \
		SERVER_TOMCAT_MAXCONNECTIONS=$((max_n + 1000)) LAB_TOMCAT_MAX_THREADS=$((max_n + 200)) LAB_FANOUT_THREADS=16 \
		LAB_HEADER_TIMEOUT=120s LAB_HTTP_CONNECTTIMEOUT=30s LAB_HTTP_PENDINGACQUIRETIMEOUT=30s
	PIDS+=($!)
	SPORT[$stack]=$PORT SPID[$stack]=$!
	PORT=$((PORT + 1))
done
for stack in $STACKS; do
	wait_ready "http://127.0.0.1:${SPORT[$stack]}" 180 || { echo "$stack did not start: $LOGS/held-$stack.log" >&2; exit 1; }
done

inflight() { curl -fs -m 2 "http://127.0.0.1:$1/actuator/prometheus" | awk '/^lab_requests_inflight/ {s += $2} END {print int(s)}' || echo -1; }
status() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
reading() { # pid: heap used after a full GC, RSS, threads, NMT thread reserved and committed, NMT total committed (bytes)
	"$JCMD" "$1" GC.run >/dev/null
	local heap
	heap=$("$JCMD" "$1" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | tr -dc 0-9)
	NMT=$("$JCMD" "$1" VM.native_memory summary scale=KB) python3 -c '
import os, re, sys
nmt = os.environ["NMT"]
thread = re.search(r"Thread \(reserved=(\d+)KB, committed=(\d+)KB\)", nmt)
total = re.search(r"Total: reserved=(\d+)KB, committed=(\d+)KB", nmt)
heap, rss, threads = sys.argv[1:4]
print(f"{int(heap) * 1024},{int(rss) * 1024},{threads},{int(thread[1]) * 1024},{int(thread[2]) * 1024},{int(total[2]) * 1024}")' \
		"$heap" "$(status "$1" VmRSS)" "$(status "$1" Threads)"
}

csv=${OUT:+$OUT/held.csv}
csv=${csv:-/dev/stdout}
echo "stack,n,inflight_before,inflight_after,heap_bytes,rss_bytes,threads,nmt_thread_reserved,nmt_thread_committed,nmt_total_committed" >"$csv"
for stack in $STACKS; do
	port=${SPORT[$stack]} pid=${SPID[$stack]}
	# one small batch first: the first requests load classes and open connections to the simulator
	python3 bench/hold.py 127.0.0.1 "$port" "/api/fanout?calls=1&latencyMs=100&mode=sequential" 200 >/dev/null
	held=0 holders=()
	for n in $HELD; do
		if ((n > held)); then # N rising: the requests already held stay, n - held more join them
			fifo=$(mktemp -u)
			mkfifo "$fifo"
			python3 bench/hold.py 127.0.0.1 "$port" "/api/fanout?calls=$HOLD_CALLS&latencyMs=$HOLD_MS&mode=sequential" $((n - held)) >"$fifo" &
			holders+=($!)
			exec 7<"$fifo"
			rm -f "$fifo"
			read -r -t 60 _ <&7 || echo "$stack N=$n: not every request was sent in 60 s" >&2
			exec 7<&-
			held=$n
		fi
		before=0
		for _ in $(seq 1 30); do # until the stack counts them all in flight, 3 s at most
			before=$(inflight "$port")
			((before >= n)) && break
			sleep 0.1
		done
		row=$(reading "$pid")
		after=$(inflight "$port")
		echo "$stack,$n,$before,$after,$row" >>"$csv"
		echo "held $stack N=$n: in flight $before before the reading, $after after; $row" >&2
	done
	# the readings are taken: the clients go away (the stacks see them cancel), the stack stops
	for h in "${holders[@]}"; do kill "$h" 2>/dev/null || true; done
	kill "$pid" 2>/dev/null || true
	wait "${holders[@]}" "$pid" 2>/dev/null || true
done
