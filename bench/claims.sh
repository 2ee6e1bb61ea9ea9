#!/usr/bin/env bash
# The classic claims about async tasks against threads, measured on this machine, in one command:
#   1. task costs with JMH (bench/claims: create + start + join, one hand-off, one step), per model;
#   2. memory per waiting task: N tasks waiting on one gate, each N in a fresh JVM with a fixed heap
#      (WAIT_HEAP), per model: platform threads (NMT thread stacks, RSS), virtual threads (heap after
#      GC, shallow and at 20 frames, cold and after a JIT warm-up), CompletableFuture and Mono steps;
#   3. preemption in one JVM: CPU-bound tasks on every worker, and the start delay of short tasks
#      beside them (virtual threads on 2 carriers, platform threads, a single-threaded event loop);
#      and, when bench/preemption.sh exists, its measurement over the lab's HTTP stacks;
#   4. memory per request in flight over HTTP (bench/held-requests.sh), beside a lab this command
#      starts on ports of its own (CLAIMS_PORT_BASE: the simulator, then reactive, blocking, virtual);
# then bench/claims_report.py fits the slopes, draws the plots and writes claims.md, and replaces
# the block between the claims markers at the top of docs/results.md.
#
#   bench/claims.sh                      # everything, about 14 minutes on 2 cores
#   QUICK=1 bench/claims.sh              # a 3-minute check of the plumbing: numbers not for quoting
#   OUT=results/mine ALLOW_DIRTY=1 bench/claims.sh
#
# A dirty work tree is refused (ALLOW_DIRTY=1: run anyway and keep the diff as OUT/dirty.diff).
# On a shared machine, run it under the lock every measurement takes: flock <lock file> bench/claims.sh
set -euo pipefail
cd "$(dirname "$0")/.."
T0=$(date +%s)
COMMAND="$(env | grep -E '^(OUT|QUICK|ALLOW_DIRTY|WAIT_N|WAIT_HEAP|JMH_ARGS|HELD|HOLD_MS|HOLD_CALLS|CLAIMS_PORT_BASE|MVN_ARGS|JAVA)=' | sort | tr '\n' ' ' || true)bench/claims.sh $*"
COMMIT=$(git rev-parse --short HEAD)
if [[ -n $(git status --porcelain --untracked-files=no) ]]; then
	[[ ${ALLOW_DIRTY:-} == 1 ]] || { echo "the work tree has uncommitted changes: commit them, or ALLOW_DIRTY=1 to keep the diff beside the numbers" >&2; exit 1; }
	DIRTY=1
fi
OUT=${OUT:-results/$(date -u +%Y-%m-%dT%H%MZ)-$COMMIT}
mkdir -p "$OUT/logs"
[[ ${DIRTY:-} == 1 ]] && git diff HEAD >"$OUT/dirty.diff"
say() { echo "[claims $(date -u +%H:%M:%S)] $*" >&2; }

# a JDK 21+: JAVA, else the newest under /usr/lib/jvm, else java on the PATH
if [[ -z ${JAVA:-} ]]; then
	for candidate in $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV) java; do
		v=$("$candidate" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
		[[ ${v:-0} -ge 21 ]] && { JAVA=$candidate; break; }
	done
fi
[[ -n ${JAVA:-} ]] || { echo "needs a JDK 21 or later (set JAVA)" >&2; exit 1; }
JAVA_VERSION=$("$JAVA" -version 2>&1 | head -1 | sed 's/"/\\"/g') # quoted for run.json
# a python3 with numpy and matplotlib, for the report (checked first: a run must not end without it)
for PYTHON in ${PYTHON:-} python3 /usr/bin/python3 ""; do
	[[ -n $PYTHON ]] && "$PYTHON" -c 'import numpy, matplotlib' 2>/dev/null && break
done
[[ -n $PYTHON ]] || { echo "needs python3 with numpy and matplotlib (apt-get install python3-numpy python3-matplotlib; or set PYTHON)" >&2; exit 1; }

if [[ ${QUICK:-} == 1 ]]; then
	: "${WAIT_N:=1000 10000}" "${JMH_ARGS:=-f 1 -wi 1 -i 1 -w 200ms -r 200ms}" "${HELD:=0 200 400}" "${HOLD_MS:=4000}"
fi
WAIT_N=${WAIT_N:-1000 10000 100000 1000000}
WAIT_HEAP=${WAIT_HEAP:-4g}
JMH_ARGS=${JMH_ARGS:-}
BASE=${CLAIMS_PORT_BASE:-18790}

say "build: the application jar and bench/claims (JMH), ${MVN_ARGS:-online}"
# shellcheck disable=SC2086
./mvnw -B -ntp -q ${MVN_ARGS:-} package -DskipTests >"$OUT/logs/build.log" 2>&1 || { tail -30 "$OUT/logs/build.log" >&2; exit 1; }
# shellcheck disable=SC2086
./mvnw -B -ntp -q ${MVN_ARGS:-} -f bench/claims/pom.xml package >>"$OUT/logs/build.log" 2>&1 || { tail -30 "$OUT/logs/build.log" >&2; exit 1; }
BENCH_JAR=bench/claims/target/claims-benchmarks.jar
T_BUILD=$(($(date +%s) - T0))

say "1/4 task costs (JMH)"
# shellcheck disable=SC2086
"$JAVA" -jar "$BENCH_JAR" TaskCosts -jvm "$JAVA" -rf json -rff "$OUT/jmh.json" $JMH_ARGS >"$OUT/jmh.txt" 2>&1 || { tail -30 "$OUT/jmh.txt" >&2; exit 1; }
T_JMH=$(($(date +%s) - T0))

say "2/4 memory per waiting task, each N in a fresh JVM with -Xms$WAIT_HEAP -Xmx$WAIT_HEAP"
: >"$OUT/waiting.jsonl"
wait_run() { # model n depth warm
	local line rc=0 warm=false
	[[ ${4:-} == warm ]] && warm=true
	if line=$(timeout 120 "$JAVA" -Xms"$WAIT_HEAP" -Xmx"$WAIT_HEAP" -XX:+UseG1GC -XX:NativeMemoryTracking=summary \
		-XX:+ExitOnOutOfMemoryError -cp "$BENCH_JAR" dev.fanoutlab.claims.WaitingTasks "$@" 2>>"$OUT/logs/waiting.log"); then
		echo "$line" >>"$OUT/waiting.jsonl"
	else
		rc=$?
		echo "{\"model\":\"$1\",\"n\":$2,\"depth\":$3,\"warm\":$warm,\"failed\":\"$( ((rc == 124)) && echo "not done in 120 s" || echo "exit $rc, OutOfMemoryError"), -Xmx$WAIT_HEAP (logs/waiting.log)\"}" >>"$OUT/waiting.jsonl"
	fi
	say "  $(tail -1 "$OUT/waiting.jsonl" | cut -c1-160)"
}
for n in $WAIT_N; do
	wait_run future "$n" 1 cold
	wait_run mono "$n" 1 cold
	wait_run virtual "$n" 1 cold
	wait_run virtual "$n" 20 cold
	wait_run virtual "$n" 20 warm
done
# platform threads: more points below the OS's limit, every N above it refused with its reason
for n in $(tr ' ' '\n' <<<"1000 2000 5000 10000 $WAIT_N" | sort -nu); do
	[[ ${QUICK:-} == 1 && $n -gt 2000 ]] && continue
	wait_run platform "$n" 20 cold
done
T_WAIT=$(($(date +%s) - T0))

say "3/4 preemption in one JVM"
: >"$OUT/preemption-jvm.jsonl"
for model in virtual platform eventloop; do
	"$JAVA" -Djdk.virtualThreadScheduler.parallelism=2 -Djdk.virtualThreadScheduler.maxPoolSize=2 -cp "$BENCH_JAR" \
		dev.fanoutlab.claims.Preemption "$model" 2 "$([[ ${QUICK:-} == 1 ]] && echo 300 || echo 1000)" >>"$OUT/preemption-jvm.jsonl"
done

say "4/4 the lab on ports $BASE-$((BASE + 3)), then held requests over HTTP"
export LAB_DOWNSTREAM_PORT=$BASE LAB_REACTIVE_PORT=$((BASE + 1)) LAB_BLOCKING_PORT=$((BASE + 2)) LAB_VIRTUAL_PORT=$((BASE + 3))
export LAB_RUN_FILE=${TMPDIR:-/tmp}/fanout-lab-claims-$BASE.env
for p in $BASE $((BASE + 1)) $((BASE + 2)) $((BASE + 3)); do
	ss -Hltn "sport = :$p" | grep -q . && { echo "port $p is taken (set CLAIMS_PORT_BASE)" >&2; exit 1; }
done
rm -f "$LAB_RUN_FILE"
# LAB_HEADER_TIMEOUT: the simulator closes a keep-alive connection idle that long (10 s by default)
# while the stacks' pools keep one 30 s: a held series that reuses one the simulator is closing
# loses the request (PrematureCloseException); 120 s outlasts the series
# the measured fixed heap (bench/lab.sh: held-requests.sh refuses a lab without it) and the
# pitfall endpoints that bench/preemption.sh calls
BENCH_JAVA_OPTS=$(. bench/lab.sh && echo "$BENCH_JAVA_OPTS")
LAB_CHILD_JAVA_OPTS=$BENCH_JAVA_OPTS LAB_PITFALLS_ENABLED=true \
	LAB_HEADER_TIMEOUT=${LAB_HEADER_TIMEOUT:-120s} LAB_STARTUP_TIMEOUT=${LAB_STARTUP_TIMEOUT:-600} \
	"$JAVA" -jar target/fanout-lab.jar lab >"$OUT/logs/lab.log" 2>&1 &
LAB_PID=$!
trap 'kill "$LAB_PID" 2>/dev/null || true; wait "$LAB_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 660); do
	[[ -f $LAB_RUN_FILE ]] && break
	kill -0 "$LAB_PID" 2>/dev/null || { tail -20 "$OUT/logs/lab.log" >&2; exit 1; }
	sleep 1
done
[[ -f $LAB_RUN_FILE ]] || { echo "the lab was not ready in 660 s: $OUT/logs/lab.log" >&2; exit 1; }
T_LAB=$(($(date +%s) - T0))
HELD=${HELD:-} HOLD_MS=${HOLD_MS:-} OUT=$OUT HELD_PORT_BASE=$((BASE + 10)) bench/held-requests.sh 2>"$OUT/logs/held.log" ||
	{ tail -20 "$OUT/logs/held.log" >&2; say "held requests failed (logs/held.log): the report goes on without them"; }
T_HELD=$(($(date +%s) - T0))
if [[ -f bench/preemption.sh ]]; then
	say "preemption over the lab's HTTP stacks (bench/preemption.sh)"
	mkdir -p "$OUT/preemption"
	OUT=$OUT/preemption bash bench/preemption.sh >"$OUT/preemption.md" 2>"$OUT/logs/preemption.log" || say "bench/preemption.sh failed: $OUT/logs/preemption.log"
else
	say "no bench/preemption.sh here: preemption over HTTP not measured"
fi
kill "$LAB_PID" 2>/dev/null || true
wait "$LAB_PID" 2>/dev/null || true
T_END=$(($(date +%s) - T0))

cat >"$OUT/run.json" <<JSON
{"command": "${COMMAND% }", "commit": "$COMMIT", "dirty": $([[ ${DIRTY:-} == 1 ]] && echo true || echo false), "quick": $([[ ${QUICK:-} == 1 ]] && echo true || echo false),
 "date": "$(date -u +%Y-%m-%dT%H:%MZ)", "machine": "$(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo), $(uname -sr)",
 "java": "$JAVA_VERSION", "wait_heap": "$WAIT_HEAP", "jmh_args": "${JMH_ARGS:-the defaults in TaskCosts}",
 "hold_ms": ${HOLD_MS:-5000}, "hold_calls": ${HOLD_CALLS:-12}, "seconds": {"build": $T_BUILD, "jmh": $((T_JMH - T_BUILD)), "waiting": $((T_WAIT - T_JMH)), "lab_start": $((T_LAB - T_WAIT)), "held": $((T_HELD - T_LAB)), "preemption_http": $((T_END - T_HELD)), "total": $T_END}}
JSON
say "report"
"$PYTHON" bench/claims_report.py "$OUT" docs/results.md
say "done in $((T_END / 60)) min $((T_END % 60)) s: $OUT/claims.md"
