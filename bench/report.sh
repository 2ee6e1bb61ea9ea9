#!/usr/bin/env bash
# The whole comparison in one command, against a running lab:
#
#   LAB_CHILD_JAVA_OPTS='-Xms2g -Xmx2g -XX:+UseZGC -XX:+ExitOnOutOfMemoryError' java -jar target/fanout-lab.jar lab   # another terminal: the measured 2 GiB heaps
#   bench/report.sh                   # ~42 min on 2 cores; SHORT=1 bench/report.sh: ~6 min, a dry run
#
# Writes results/<UTC date>/report.md with its plots (SVG, drawn by gnuplot) and raw data:
#   1. the overview under the simulator's `slow` profile vs concurrent clients (wrk, closed model):
#      throughput (200 answers/s; every status beside it) against the Little's-law bound (clients /
#      critical path) and blocking's wall (Tomcat threads / critical path), p50/p99, errors, and the
#      exact share of 200s whose `degraded` is non-empty (lab_overview_answers_total{degraded});
#   2. the thread-count experiment: blocking with THREADS request threads (200 400 800 1600; its fan-out
#      pool sized by the stack's own rule, read back from /api/info) against reactive and virtual at
#      THREAD_CLIENTS clients: live threads, peak RSS, heap after GC, CPU ms per request;
#   3. memory per request in flight: N requests held open (HOLD), RSS / heap / threads minus idle.
# One stack is under load at a time; repeats are interleaved (REPEATS rounds over every configuration)
# and every table cell is the median of the repeats.
#
# Starts only what the lab lacks: one extra `blocking` JVM per thread count other than the lab's
# own blocking stack, from target/fanout-lab.jar (built first if missing: it must be the code the
# lab runs), with the lab's database, simulator, java and fixed heap, read from the run file the
# lab writes (LAB_RUN_FILE, default <tmp>/fanout-lab-<simulator port>.env); stops them at the end.
#
# Needs: wrk (the load: a quarter of hey's CPU per request, docs/performance.md), hey (the held
# batches: exactly N requests at once), gnuplot, python3, curl, and the JDK's jcmd and jstat
# (Linux /proc for RSS, threads, CPU).
#   apt-get install wrk hey gnuplot-nox
#
# Settings (environment):
#   LAB_DOWNSTREAM_PORT LAB_REACTIVE_PORT LAB_BLOCKING_PORT LAB_VIRTUAL_PORT  the lab's ports (8090 8081 8082 8083)
#   REPORT_EXTRA_PORT_BASE  first port for the extra blocking JVMs (8084, then +1)
#   DURATION WARMUP         seconds of each measured window and of the warm-up before it (10, 4)
#   JIT_WARMUP              seconds of load at `fast` on every configuration before the first round (60):
#                           a JVM's first minute of load goes to the JIT; blocking took 60 s to flatten,
#                           reactive 35 s (bench/warmup.sh; docs/performance.md, "Warm-up")
#   REPEATS                 interleaved rounds; tables show medians (3)
#   CLIENTS                 clients for the throughput curve of reactive, virtual and the lab's blocking (250 1000 2000)
#   THREADS                 Tomcat request threads of the blocking configurations (200 400 800 1600)
#   THREAD_CLIENTS          clients for the blocking configurations other than the lab's (1000 2000)
#   HOLD HOLD_MS            requests held open for the memory table, and how long each is held (250 500 1000, 4000)
#   SETTLE                  seconds a blocking stack may take to reap idle request threads before a held batch (65)
#   PRESET                  simulator preset under load (slow)
#   OUT                     output directory (results/<UTC date>, or results/<UTC date>-dry-run with SHORT=1)
#   SHORT=1                 dry run: DURATION=4 WARMUP=2 JIT_WARMUP=5 REPEATS=1 CLIENTS="250 1000" THREADS="200 400"
#                           THREAD_CLIENTS=1000 HOLD=250 HOLD_MS=4000 SETTLE=10 (each still overridable)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lab.sh
COMMAND_LINE="bench/report.sh${*:+ $*}"
ENV_SHOWN=$(env | grep -E '^(LAB_[A-Z_]+_PORT|LAB_RUN_FILE|REPORT_EXTRA_PORT_BASE|DURATION|WARMUP|JIT_WARMUP|REPEATS|CLIENTS|THREADS|THREAD_CLIENTS|HOLD|HOLD_MS|SETTLE|PRESET|OUT|SHORT)=' | sort | sed "s/=\(.*\)/='\1'/" | tr '\n' ' ' || true)

SHORT=${SHORT:-0}
if [[ $SHORT == 1 ]]; then
	: "${DURATION:=4}" "${WARMUP:=2}" "${JIT_WARMUP:=5}" "${REPEATS:=1}" "${CLIENTS:=250 1000}" "${THREADS:=200 400}"
	: "${THREAD_CLIENTS:=1000}" "${HOLD:=250}" "${HOLD_MS:=4000}" "${SETTLE:=10}"
fi
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-4}
JIT_WARMUP=${JIT_WARMUP:-60}
REPEATS=${REPEATS:-3}
CLIENTS=${CLIENTS:-250 1000 2000}
THREADS=${THREADS:-200 400 800 1600}
THREAD_CLIENTS=${THREAD_CLIENTS:-1000 2000}
HOLD=${HOLD:-250 500 1000}
HOLD_MS=${HOLD_MS:-4000}
SETTLE=${SETTLE:-65}
PRESET=${PRESET:-slow}
EXTRA_PORT=${REPORT_EXTRA_PORT_BASE:-8084}
SIM_PORT=${LAB_DOWNSTREAM_PORT:-8090}
SIM=http://127.0.0.1:$SIM_PORT
declare -A PORT=([reactive]=${LAB_REACTIVE_PORT:-8081} [virtual]=${LAB_VIRTUAL_PORT:-8083})
LAB_BLOCKING=http://127.0.0.1:${LAB_BLOCKING_PORT:-8082}
RUN_FILE=$(lab_run_file "$SIM_PORT")
DATE=$(date -u +%F)
OUT=${OUT:-results/$DATE$([[ $SHORT == 1 ]] && echo -dry-run || true)}
DATA=bench/report_data.py
START=$(date +%s)

say() { echo "[report $(date -u +%H:%M:%S)] $*" >&2; }
die() { say "$*"; exit 1; }
for tool in wrk hey gnuplot python3 curl; do
	command -v $tool >/dev/null || die "needs $tool (apt-get install wrk hey gnuplot-nox python3 curl)"
done
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true # one socket per client on each side of loopback

curl -fs "$SIM/admin/stats" >/dev/null || die "no simulator at $SIM: start the lab first (./mvnw spring-boot:run)"
for url in "http://127.0.0.1:${PORT[reactive]}" "$LAB_BLOCKING" "http://127.0.0.1:${PORT[virtual]}"; do
	curl -fs "$url/actuator/health/readiness" >/dev/null || die "no ready stack at $url: start the lab first"
done
[[ -f $RUN_FILE ]] || die "no run file $RUN_FILE: the lab writes it when it is ready (set LAB_RUN_FILE if you moved it)"
LAB_ENV=$(cat "$RUN_FILE")
require_bench_heap "$LAB_ENV" || exit 1
LAB_JAVA=$(set -a; eval "$LAB_ENV"; echo "$LAB_JAVA")
JDK_BIN=$(dirname "$(readlink -f "$LAB_JAVA")")
JCMD=$JDK_BIN/jcmd
JSTAT=$JDK_BIN/jstat
[[ -x $JCMD && -x $JSTAT ]] || die "no jcmd/jstat next to $LAB_JAVA (the lab's java must be a JDK)"

mkdir -p "$OUT/wrk" "$OUT/hey" "$OUT/logs"
rm -f "$OUT"/load.csv "$OUT"/hold.csv "$OUT"/pools.csv "$OUT"/*.dat "$OUT"/*.svg
TMP=$(mktemp -d)
EXTRA_PIDS=()
PROFILE_BEFORE=$(curl -fs "$SIM/admin/profile" | python3 -c 'import json,sys; p=json.load(sys.stdin)["preset"]; print(p if p in ("fast","slow") else "fast")')
cleanup() {
	for pid in "${EXTRA_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${EXTRA_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
	curl -fs -X PUT -H 'Content-Type: application/json' -d "{\"preset\":\"$PROFILE_BEFORE\"}" "$SIM/admin/profile" >/dev/null || true
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ the configurations
info() { curl -fs -m 5 "$1/api/info"; }
LAB_THREADS=$(info "$LAB_BLOCKING" | python3 -c 'import json,sys; print(json.load(sys.stdin)["pools"]["server"]["max"])')
declare -A URL PID
URL[reactive]=http://127.0.0.1:${PORT[reactive]}
URL[virtual]=http://127.0.0.1:${PORT[virtual]}
URL[blocking-$LAB_THREADS]=$LAB_BLOCKING
for t in $THREADS; do
	[[ $t == "$LAB_THREADS" ]] && continue
	if [[ ! -f target/fanout-lab.jar ]]; then # e.g. the lab runs from ./mvnw spring-boot:run
		say "building target/fanout-lab.jar for the extra blocking JVMs (./mvnw -B -ntp -q package -DskipTests)"
		./mvnw -B -ntp -q package -DskipTests >"$OUT/logs/build.log" 2>&1 || die "the build failed: $OUT/logs/build.log"
	fi
	port=$EXTRA_PORT
	EXTRA_PORT=$((EXTRA_PORT + 1))
	ss -Hltn "sport = :$port" | grep -q . && die "port $port is taken (set REPORT_EXTRA_PORT_BASE)"
	say "starting blocking with $t Tomcat threads on port $port"
	start_beside_lab "$OUT/logs/blocking-$t.log" blocking "" LAB_BLOCKING_PORT="$port" LAB_TOMCAT_MAX_THREADS="$t"
	EXTRA_PIDS+=($!)
	URL[blocking-$t]=http://127.0.0.1:$port
done
for config in "${!URL[@]}"; do
	wait_ready "${URL[$config]}" 360 || die "$config is not ready (see $OUT/logs)"
	PID[$config]=$(pid_on "${URL[$config]##*:}")
	[[ -n ${PID[$config]} ]] || die "cannot find the process of $config"
done
CONFIGS="reactive virtual $(printf '%s\n' "${!URL[@]}" | grep '^blocking-' | sort -t- -k2n | tr '\n' ' ')"

echo "config,server_max,server_kind,fanout_max,fanout_kind,http_max,db_max,rule,jvm" >"$OUT/pools.csv"
for config in $CONFIGS; do
	jvm=$(tr '\0' ' ' <"/proc/${PID[$config]}/cmdline" | grep -oE -- '-Xm[sx][^ ]+' | tr '\n' ' ' || true)
	info "${URL[$config]}" | python3 -c '
import csv, json, sys
info = json.load(sys.stdin)
p = info["pools"]
get = lambda k, f: (p.get(k) or {}).get(f)
# whatever /api/info says about how the pools are sized (a "rule" anywhere in it)
rule = " ".join(str(v) for k, v in [*info.items(), *(p.get("fanout") or {}).items()] if "rule" in k.lower() and v)
csv.writer(sys.stdout).writerow([sys.argv[1], get("server", "max"), get("server", "kind"), get("fanout", "max"),
                                 get("fanout", "kind"), get("http", "max"), get("db", "max"), rule,
                                 sys.argv[2].strip()])' "$config" "$jvm" >>"$OUT/pools.csv"
done
say "configurations: $(echo $CONFIGS) (pools in $OUT/pools.csv)"

# ------------------------------------------------------------------ measuring one JVM
status() { awk -v k="$2:" '$1==k {print $2}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICK_MS=$((1000 / $(getconf CLK_TCK)))
heap_after_gc() { # MiB used right after a full collection
	"$JCMD" "$1" GC.run >/dev/null 2>&1 || true
	"$JSTAT" -gc "$1" >"$TMP/jstat" 2>/dev/null && python3 $DATA heap "$TMP/jstat" || echo nan
}
prom() { curl -fs -m "${2:-5}" "$1/actuator/prometheus" >"$TMP/prom" && python3 $DATA prom "$TMP/prom"; }
preset() { curl -fs -X PUT -H 'Content-Type: application/json' -d "{\"preset\":\"$1\"}" "$SIM/admin/profile" >/dev/null; }
sampler() { # max threads and RSS (kB) of pid $1, into $2, until $3 exists
	local max_t=0 max_r=0 t r
	while [[ ! -e $3 ]] && kill -0 "$1" 2>/dev/null; do
		t=$(status "$1" Threads) r=$(status "$1" VmRSS)
		if ((t > max_t)); then max_t=$t; fi
		if ((r > max_r)); then max_r=$r; fi
		echo "$max_t $max_r" >"$2"
		sleep 0.5
	done
}
quiet() { # wait until the previous load has drained: nothing in flight at the simulator
	for _ in $(seq 1 60); do
		[[ $(curl -fs "$SIM/admin/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["inFlight"])') == 0 ]] && return
		sleep 0.5
	done
}

echo "config,clients,repeat,rps,p50_ms,p99_ms,ok,non2xx,errors,window_s,ok200,answers,answers_degraded,threads_max,rss_max_mib,heap_gc_mib,cpu_ms_per_req,sim_peak_inflight" >"$OUT/load.csv"
# the 200s counted are those wrk received within the window (bench/wrk-summary.lua counts every status)
load_run() { # config clients repeat
	local config=$1 clients=$2 r=$3 url=${URL[$1]} pid=${PID[$1]} name="$1-c$2-r$3"
	quiet
	wrk_load "$clients" "${WARMUP}s" "$url/api/customers/5/overview" >/dev/null
	quiet
	local answers0 degraded0
	read -r _ answers0 degraded0 _ < <(prom "$url")
	curl -fs -X POST "$SIM/admin/stats/reset" >/dev/null
	local cpu0 t0
	cpu0=$(cpu_ticks "$pid")
	rm -f "$TMP/stop"
	sampler "$pid" "$TMP/sample" "$TMP/stop" &
	local sampler_pid=$!
	(sleep "$(python3 -c "print($DURATION * 0.75)")" && heap_after_gc "$pid" >"$TMP/heap") &
	local heap_pid=$!
	wrk_load "$clients" "${DURATION}s" "$url/api/customers/5/overview" >"$OUT/wrk/$name.txt"
	wait $heap_pid || true
	local cpu1
	cpu1=$(cpu_ticks "$pid")
	touch "$TMP/stop"
	wait $sampler_pid
	read -r threads rss_kb <"$TMP/sample"
	local peak
	peak=$(curl -fs "$SIM/admin/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["peakInFlight"])')
	quiet
	read -r _ answers1 degraded1 _ < <(prom "$url")
	read -r rps p50 p99 ok non2xx errors window ok200 < <(python3 $DATA wrk "$OUT/wrk/$name.txt")
	local answered cpu_per_req
	answered=$((ok + non2xx))
	cpu_per_req=$(python3 -c "print(f'{($cpu1 - $cpu0) * $TICK_MS / max($answered, 1):.3f}')")
	echo "$config,$clients,$r,$rps,$p50,$p99,$ok,$non2xx,$errors,$window,$ok200,$((answers1 - answers0)),$((degraded1 - degraded0)),$threads,$((rss_kb / 1024)),$(cat "$TMP/heap"),$cpu_per_req,$peak" >>"$OUT/load.csv"
	say "$name: $rps answers/s (any status), $ok200 of them 200, p99 $p99 ms, $threads threads, CPU $cpu_per_req ms/req"
}

echo "config,held,repeat,inflight,d_rss_mib,d_heap_mib,d_threads,idle_rss_mib,idle_heap_mib,idle_threads" >"$OUT/hold.csv"
settle() { # a blocking stack reaps idle request threads after 60 s: wait for that (SETTLE s at most)
	local url=$1 current
	for _ in $(seq 1 "$SETTLE"); do
		current=$(curl -fs -m 2 "$url/actuator/prometheus" | awk '/^tomcat_threads_current_threads/ {print int($2)}')
		[[ -z $current || $current -le 20 ]] && return
		sleep 1
	done
	say "$url still has $current request threads after ${SETTLE}s: they count as idle"
}
hold_run() { # config held repeat
	local config=$1 n=$2 r=$3 url=${URL[$1]} pid=${PID[$1]}
	quiet
	[[ $config == blocking-* ]] && settle "$url"
	local idle_heap idle_rss idle_threads
	idle_heap=$(heap_after_gc "$pid")
	idle_rss=$(status "$pid" VmRSS)
	idle_threads=$(status "$pid" Threads)
	hey -n "$n" -c "$n" -t 60 "$url/api/fanout?calls=3&latencyMs=$HOLD_MS" >"$OUT/hey/hold-$config-n$n-r$r.txt" &
	local hey_pid=$! inflight=nan server deadline
	server=$(awk -F, -v c="$config" '$1==c {print $2}' "$OUT/pools.csv")
	deadline=$(($(date +%s%N) / 1000000 + HOLD_MS * 6 / 10))
	sleep 0.5
	while (($(date +%s%N) / 1000000 < deadline)); do # until hey has all its requests in flight
		read -r _ _ _ inflight < <(prom "$url" 2 || echo "- - - nan")
		[[ $inflight != nan ]] && (($(printf '%.0f' "$inflight") >= n)) && break
		sleep 0.25
	done
	# a blocking stack whose threads are all busy cannot answer its actuator: in flight = its threads;
	# a stack too busy to answer in 2 s: in flight = the simulator's calls in flight / 3 calls each
	if [[ $inflight == nan && $config == blocking-* ]]; then
		inflight=$((n < server ? n : server))
	elif [[ $inflight == nan ]]; then
		inflight=$(curl -fs "$SIM/admin/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["inFlight"] // 3)' || echo nan)
	fi
	local rss threads heap
	rss=$(status "$pid" VmRSS)
	threads=$(status "$pid" Threads)
	heap=$(heap_after_gc "$pid")
	wait $hey_pid || true
	python3 -c "
rss, idle, heap, idle_heap = $rss / 1024, $idle_rss / 1024, float('$heap'), float('$idle_heap')
print(f'$config,$n,$r,$inflight,{rss - idle:.1f},{heap - idle_heap:.1f},{$threads - $idle_threads},{idle:.0f},{idle_heap:.0f},$idle_threads')" >>"$OUT/hold.csv"
	say "hold $config N=$n: in flight $inflight, RSS +$(((rss - idle_rss) / 1024)) MiB, threads +$((threads - idle_threads))"
}

# ------------------------------------------------------------------ the plan
PLAN=()
for config in $CONFIGS; do
	if [[ $config == reactive || $config == virtual || $config == "blocking-$LAB_THREADS" ]]; then
		for c in $CLIENTS; do PLAN+=("$config $c"); done
	else
		for c in $THREAD_CLIENTS; do PLAN+=("$config $c"); done
	fi
done
n_configs=$(echo $CONFIGS | wc -w)
n_held=$((n_configs * $(echo $HOLD | wc -w)))
estimate=$(((n_configs * JIT_WARMUP + (${#PLAN[@]} * (DURATION + WARMUP + 6) + n_held * (HOLD_MS / 1000 + 6)) * REPEATS) / 60 + 1))
say "$REPEATS rounds of ${#PLAN[@]} load windows and $n_held held batches: about $estimate min on a quiet machine"

# the JIT first: every configuration gets JIT_WARMUP s of load at `fast` (many requests in little
# time) before round 1, so that no round-1 window measures the compiler instead of the stack
if ((JIT_WARMUP > 0)); then
	preset fast
	for config in $CONFIGS; do
		say "warming $config up: ${JIT_WARMUP} s of load at fast, 100 clients (the JIT)"
		wrk_load 100 "${JIT_WARMUP}s" "${URL[$config]}/api/customers/5/overview" >/dev/null
	done
fi
preset "$PRESET"
quiet
curl -fs "$SIM/admin/profile" >"$TMP/profile.json"
CRITICAL_MS=$(python3 $DATA critical "$TMP/profile.json")
for r in $(seq 1 "$REPEATS"); do
	# held batches first (N rising, stacks interleaved), while the stacks are as idle as they get
	for n in $HOLD; do
		for config in $CONFIGS; do hold_run "$config" "$n" "$r"; done
	done
	# a different order every round, so that no configuration always runs first or last
	mapfile -t round < <(printf '%s\n' "${PLAN[@]}" | awk -v r="$r" '{a[NR]=$0} END {n=NR; for (i=0;i<n;i++) print a[(i + (r-1)*int(n/3+1)) % n + 1]}')
	for item in "${round[@]}"; do
		# shellcheck disable=SC2086
		load_run $item "$r"
	done
done

# ------------------------------------------------------------------ the report
ELAPSED=$(($(date +%s) - START))
python3 - "$OUT/meta.json" <<EOF
import json, sys
json.dump({
  "date": "$(date -u +%FT%H:%MZ)", "short": $([[ $SHORT == 1 ]] && echo True || echo False),
  "command": """$(printf '%s' "$ENV_SHOWN$COMMAND_LINE")""",
  "settings": "DURATION=${DURATION}s WARMUP=${WARMUP}s JIT_WARMUP=${JIT_WARMUP}s REPEATS=$REPEATS CLIENTS=($CLIENTS) THREADS=($THREADS) THREAD_CLIENTS=($THREAD_CLIENTS) HOLD=($HOLD) HOLD_MS=$HOLD_MS",
  "commit": "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (src modified)')",
  "nproc": "$(nproc)", "cpu": """$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)""",
  "memory": "$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)",
  "java": """$("$LAB_JAVA" -version 2>&1 | head -1)""",
  "preset": "$PRESET", "critical_path_ms": $CRITICAL_MS, "hold_ms": $HOLD_MS,
  "elapsed": "$((ELAPSED / 60)) min $((ELAPSED % 60)) s",
}, open(sys.argv[1], "w"), indent=1)
EOF
python3 $DATA summarize "$OUT"
(cd "$OUT" && gnuplot plots.gp)
say "done in $((ELAPSED / 60)) min: $OUT/report.md"
