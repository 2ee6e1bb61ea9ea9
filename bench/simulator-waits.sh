#!/usr/bin/env bash
# Proves the simulator waits on timers, not threads: N concurrent calls of 1 s each should
# finish in about 1 s while the JVM keeps a few dozen threads.
#
#   bench/simulator-waits.sh [port]            (default port 18091)
#   REQUESTS=5000 CONCURRENCY=5000 LATENCY_MS=1000 bench/simulator-waits.sh
#
# Starts `java -jar target/fanout-lab.jar downstream` (building the jar if missing), runs
# `hey` against /services/echo, samples the JVM's live threads while the batch is in flight,
# prints the results and stops the JVM.
set -euo pipefail

PORT="${1:-${PORT:-18091}}"
REQUESTS="${REQUESTS:-5000}"
CONCURRENCY="${CONCURRENCY:-5000}"
LATENCY_MS="${LATENCY_MS:-1000}"
# a JDK 21+: $JAVA, else $JAVA_HOME's, else the java on the PATH
JAVA="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}"
JAVA="${JAVA:-java}"
"$JAVA" -version 2>&1 | grep -Eq 'version "(2[1-9]|[3-9][0-9])' ||
	{ echo "$JAVA is not Java 21 or newer: set JAVA or JAVA_HOME to a JDK 21+" >&2; exit 1; }

cd "$(dirname "$0")/.."
JAR=target/fanout-lab.jar

if [[ ! -f "$JAR" ]]; then
	echo "Building $JAR ..."
	./mvnw -q -DskipTests package
fi
if ! command -v hey >/dev/null; then
	echo "Installing hey ..."
	if [[ $(id -u) -eq 0 ]]; then apt-get install -y -qq hey >/dev/null; else sudo apt-get install -y -qq hey >/dev/null; fi
fi
# one socket per client on each side of loopback
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

LOG=$(mktemp -t simulator-waits.XXXXXX.log)
# the fixed heap every measurement uses (bench/lab.sh BENCH_JAVA_OPTS); JAVA_OPTS to change it
# shellcheck disable=SC2086 # the options, word-split
"$JAVA" ${JAVA_OPTS:--Xms2g -Xmx2g -XX:+UseZGC -XX:+ExitOnOutOfMemoryError} -jar "$JAR" downstream --server.port="$PORT" >"$LOG" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; true' EXIT

BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 120); do
	curl -fs "$BASE/actuator/health/readiness" >/dev/null 2>&1 && break
	kill -0 "$PID" 2>/dev/null || { echo "The simulator did not start:"; cat "$LOG"; exit 1; }
	sleep 0.5
done
curl -fs "$BASE/actuator/health/readiness" >/dev/null || { echo "The simulator is not ready after 60 s"; exit 1; }

threads() { awk '/^Threads:/ {print $2}' "/proc/$PID/status"; }
IDLE_THREADS=$(threads)
curl -fs -X POST "$BASE/admin/stats/reset" >/dev/null

echo "Simulator pid $PID on port $PORT ($IDLE_THREADS threads idle)."
echo "hey -n $REQUESTS -c $CONCURRENCY $BASE/services/echo/k?latencyMs=$LATENCY_MS"
OUT=$(mktemp -t simulator-waits-hey.XXXXXX)
hey -n "$REQUESTS" -c "$CONCURRENCY" "$BASE/services/echo/k?latencyMs=$LATENCY_MS" >"$OUT" &
HEY=$!
MAX_THREADS=0
while kill -0 "$HEY" 2>/dev/null; do
	NOW=$(threads)
	((NOW > MAX_THREADS)) && MAX_THREADS=$NOW
	sleep 0.1
done
wait "$HEY" || true

STATS=$(curl -fs "$BASE/admin/stats")
TOTAL=$(awk '/Total:/ {print $2; exit}' "$OUT")
ANSWERED=$(awk '/\[200\]/ {print $2}' "$OUT")
echo
sed -n '/Status code distribution/,/^$/p;/Error distribution/,$p' "$OUT"
echo "----"
echo "total time:            ${TOTAL:-?} s (each call waits ${LATENCY_MS} ms)"
echo "answered (200):        ${ANSWERED:-0} of $REQUESTS"
echo "live JVM threads:      max $MAX_THREADS while in flight ($IDLE_THREADS idle)"
echo "simulator peak inFlight: $(echo "$STATS" | sed -E 's/.*"total":\{[^}]*"peakInFlight":([0-9]+).*/\1/')"
rm -f "$OUT"
