#!/usr/bin/env bash
# The whole comparison in one command, against a running lab built from this tree:
#
#   LAB_CHILD_JAVA_OPTS='-Xms2g -Xmx2g -XX:+UseZGC -XX:+ExitOnOutOfMemoryError' java -jar target/fanout-lab.jar lab
#                                            # another terminal: the measured 2 GiB heaps (./mvnw -B -ntp package -DskipTests first)
#   bench/report.sh                          # ~40 min on 2 cores; QUICK=1 bench/report.sh: ~8 min smoke run
#
# Writes results/<UTC yyyy-mm-ddTHHMMZ>-<short commit>/ (report.md, plots drawn by
# bench/report_plots.py with matplotlib, load.csv, every generator's output) and, unless
# PUBLISH=0, the report's part of docs/results.md (between <!-- report:begin --> and
# <!-- report:end -->). Refuses a tree with uncommitted changes (ALLOW_DIRTY=1: records the diff
# in the results and says so). One overload policy per series, the same on every stack, and
# every latency and CPU figure per answered overview (status 200):
#
#   1. CPU-bound regime: the lab's own three stacks (queue mode: nothing refused), simulator
#      `slow` (critical path 600 ms), CLIENTS_CPU closed-model clients (wrk). Figure of merit:
#      200s per second against the stack's own CPU ceiling (the req/s at which the cores would
#      be full with the CPU per answered overview of the stack, the simulator, PostgreSQL and
#      wrk together), CPU per answered overview, p50/p99, degraded share.
#   2. Concurrency-bound regime: the three stacks started beside the lab in queue mode with a
#      per-call timeout and a deadline above a long critical path (LONG_MS: the simulator's
#      recommendations; loyalty and shipping at 1/2 and 2/3 of it, as `slow`), so that the
#      Little's-law bound (clients / critical path) stays below the CPU ceiling. Closed model
#      by hey (one row per request: status, latency, send time), measured over a window after
#      a ramp; reactive and virtual at CLIENTS_LONG, blocking at CLIENTS_LONG_BLOCKING (its
#      latency is clients / wall: Tomcat's queue holds what its 200 threads cannot run).
#   3. Overload, shed mode: the three stacks started beside the lab with the same admission
#      limit (LAB_ADMISSION_MODE=shed: 192 on every stack), open-model load (Gatling, a fixed
#      arrival rate: a refusal does not slow the arrivals down) at OPEN_FACTORS x the limit's
#      capacity (limit / critical path), simulator `slow`: offered vs served, refused share,
#      p50/p99 of the 200s and of the refusals, CPU per answered overview with Gatling's CPU.
# One stack under load at a time; REPEATS interleaved rounds (a different order each round) in
# series 1 and 2, medians in the tables; OPEN_REPEATS in series 3.
#
# Needs: wrk, hey, python3 with matplotlib, curl, the JDK's java (the lab's, from its run file),
# and ./mvnw (the Gatling profile, resolved once: ./mvnw -B -ntp -Pgatling test-compile).
#
# Settings (environment), with their defaults (QUICK=1 in brackets):
#   LAB_DOWNSTREAM_PORT LAB_REACTIVE_PORT LAB_BLOCKING_PORT LAB_VIRTUAL_PORT  the lab's ports (8090 8081 8082 8083)
#   REPORT_EXTRA_PORT_BASE  first port of the stacks started beside the lab (8084, 8085, 8086)
#   REPEATS                 interleaved rounds of series 1 and 2 (3) [1]
#   JIT_WARMUP              seconds of load at `fast` on each JVM before its first window (60) [10]
#   CLIENTS_CPU DURATION WARMUP   series 1: clients (1000 2000) [1000], window and warm-up seconds (10 4) [4 2]
#   LONG_MS LONG_TIMEOUT LONG_DEADLINE   series 2: critical path ms (8000) [3000], per-call timeout (10s) [5s], deadline (20s) [10s]
#   CLIENTS_LONG            series 2, reactive and virtual (2000 4000) [1000]
#   CLIENTS_LONG_BLOCKING   series 2, blocking (400) [200]
#   RAMP WINDOW             series 2: seconds before the window, and the window (20 24) [8 8]
#   OPEN_FACTORS OPEN_SECONDS OPEN_REPEATS   series 3: offered load / capacity (0.5 1 2 3) [1 3], seconds per rate (15) [5], rounds (1)
#   SERIES                  which series run (cpu long open)
#   OUT PUBLISH ALLOW_DIRTY QUICK
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lab.sh
COMMAND_LINE="bench/report.sh${*:+ $*}"
ENV_SHOWN=$(env | grep -E '^(LAB_[A-Z_]+_PORT|LAB_RUN_FILE|REPORT_EXTRA_PORT_BASE|REPEATS|JIT_WARMUP|CLIENTS_[A-Z_]+|DURATION|WARMUP|LONG_[A-Z]+|RAMP|WINDOW|OPEN_[A-Z]+|SERIES|OUT|PUBLISH|ALLOW_DIRTY|QUICK)=' | sort | sed "s/=\(.*\)/='\1'/" | tr '\n' ' ' || true)
START=$(date +%s)

QUICK=${QUICK:-0}
if [[ $QUICK == 1 ]]; then
	: "${REPEATS:=1}" "${JIT_WARMUP:=10}" "${CLIENTS_CPU:=1000}" "${DURATION:=4}" "${WARMUP:=2}"
	: "${LONG_MS:=3000}" "${LONG_TIMEOUT:=5s}" "${LONG_DEADLINE:=10s}" "${CLIENTS_LONG:=1000}" "${CLIENTS_LONG_BLOCKING:=200}"
	: "${RAMP:=8}" "${WINDOW:=8}" "${OPEN_FACTORS:=1 3}" "${OPEN_SECONDS:=5}" "${PUBLISH:=0}"
fi
REPEATS=${REPEATS:-3}
JIT_WARMUP=${JIT_WARMUP:-60}
CLIENTS_CPU=${CLIENTS_CPU:-1000 2000}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-4}
LONG_MS=${LONG_MS:-8000}
LONG_TIMEOUT=${LONG_TIMEOUT:-10s}
LONG_DEADLINE=${LONG_DEADLINE:-20s}
CLIENTS_LONG=${CLIENTS_LONG:-2000 4000}
CLIENTS_LONG_BLOCKING=${CLIENTS_LONG_BLOCKING:-400}
RAMP=${RAMP:-20}
WINDOW=${WINDOW:-24}
OPEN_FACTORS=${OPEN_FACTORS:-0.5 1 2 3}
OPEN_SECONDS=${OPEN_SECONDS:-15}
OPEN_REPEATS=${OPEN_REPEATS:-1}
SERIES=${SERIES:-cpu long open}
PUBLISH=${PUBLISH:-1}
EXTRA_PORT=${REPORT_EXTRA_PORT_BASE:-8084}
SIM_PORT=${LAB_DOWNSTREAM_PORT:-8090}
SIM=http://127.0.0.1:$SIM_PORT
DATA=bench/report_data.py
CORES=$(nproc)
TICK_MS=$((1000 / $(getconf CLK_TCK)))

say() { echo "[report $(date -u +%H:%M:%S)] $*" >&2; }
die() { say "$*"; exit 1; }
for tool in wrk hey python3 curl; do command -v $tool >/dev/null || die "needs $tool (apt-get install wrk hey python3 curl)"; done
# the plots need matplotlib: the first python3 on the PATH that has it, else Debian's own
PLOT_PYTHON=$(for p in python3 /usr/bin/python3; do "$p" -c 'import matplotlib' 2>/dev/null && { echo "$p"; break; }; done)
[[ -n $PLOT_PYTHON ]] || die "needs python3's matplotlib (apt-get install python3-matplotlib)"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
OPEN_FILES=$(ulimit -n)

# ------------------------------------------------------------------ what is measured, and where
COMMIT=$(git rev-parse --short HEAD)
DIRTY=$(git status --porcelain --untracked-files=no | grep -v ' results/' || true)
if [[ -n $DIRTY && ${ALLOW_DIRTY:-0} != 1 ]]; then
	die "the tree has uncommitted changes (commit them, or ALLOW_DIRTY=1 to measure anyway with the diff recorded): $(echo $DIRTY)"
fi
STAMP=$(date -u +%Y-%m-%dT%H%MZ)
OUT=${OUT:-results/$STAMP-$COMMIT$([[ $QUICK == 1 ]] && echo -smoke || true)}
mkdir -p "$OUT"/{wrk,hey,gatling,logs}
[[ -n $DIRTY ]] && git diff HEAD >"$OUT/uncommitted.diff"
rm -f "$OUT/load.csv"

curl -fs "$SIM/admin/stats" >/dev/null || die "no simulator at $SIM: start the lab first (java -jar target/fanout-lab.jar lab)"
declare -A URL PID
URL[reactive]=http://127.0.0.1:${LAB_REACTIVE_PORT:-8081}
URL[blocking]=http://127.0.0.1:${LAB_BLOCKING_PORT:-8082}
URL[virtual]=http://127.0.0.1:${LAB_VIRTUAL_PORT:-8083}
for s in reactive blocking virtual; do
	curl -fs "${URL[$s]}/actuator/health/readiness" >/dev/null || die "no ready $s stack at ${URL[$s]}: start the lab first"
	PID[$s]=$(pid_on "${URL[$s]##*:}")
done
LAB_ENV=$(lab_env "$SIM_PORT")
LAB_JAVA=$(set -a; eval "$LAB_ENV"; echo "$LAB_JAVA")
DB_PORT=$(set -a; eval "$LAB_ENV"; echo "${LAB_DB_PORT:-}")
SIM_PID=$(pid_on "$SIM_PORT")
DB_PID=$([[ -n $DB_PORT ]] && pid_on "$DB_PORT" || true)
[[ -f target/fanout-lab.jar ]] || die "no target/fanout-lab.jar: build it from this tree (./mvnw -B -ntp package -DskipTests)"

TMP=$(mktemp -d)
EXTRA_PIDS=()
PROFILE_BEFORE=$(curl -fs "$SIM/admin/profile")
stop_extras() {
	for pid in "${EXTRA_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${EXTRA_PIDS[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.5; done; done
	EXTRA_PIDS=()
}
cleanup() {
	stop_extras
	curl -fs -X PUT -H 'Content-Type: application/json' -d "$PROFILE_BEFORE" "$SIM/admin/profile" >/dev/null || true
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ measuring
ticks() { [[ -n ${1:-} && -e /proc/$1/stat ]] && awk '{print $14 + $15}' "/proc/$1/stat" || echo 0; }
db_ticks() { # the postmaster with its ended backends (cutime + cstime), plus its live backends
	[[ -n $DB_PID ]] || { echo 0; return; }
	local p n
	n=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$DB_PID/stat")
	for p in $(pgrep -P "$DB_PID"); do n=$((n + $(ticks "$p"))); done
	echo "$n"
}
snapshot() { # app sim db generator: the generator first, while it surely still runs
	local gen
	gen=$(ticks "${2:-}")
	echo "$(ticks "$1") $(ticks "$SIM_PID") $(db_ticks) $gen"
}
now() { date +%s.%N; }
preset() { curl -fs -X PUT -H 'Content-Type: application/json' -d "$1" "$SIM/admin/profile" >/dev/null; }
SLOW='{"preset":"slow"}'
LONG=$(python3 -c "import json; l=$LONG_MS; print(json.dumps({'preset':'slow','services':{'recommendations':{'latencyMs':l},'loyalty':{'latencyMs':l//2},'shipping':{'latencyMs':l*2//3}}}))")
quiet() { # nothing in flight at the simulator (the last load drained), 60 s at most
	for _ in $(seq 1 120); do
		[[ $(curl -fs "$SIM/admin/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["inFlight"])') == 0 ]] && return
		sleep 0.5
	done
}
fd_room() { # the simulator holds one socket per call, and idle pools keep theirs for a while:
	# wait (90 s at most) until it has room for $1 more under its open-files limit
	local limit need=$1
	limit=$(awk '/Max open files/ {print $4}' "/proc/$SIM_PID/limits")
	for _ in $(seq 1 90); do
		(($(ls "/proc/$SIM_PID/fd" | wc -l) + need + 500 < limit)) && return
		sleep 1
	done
	say "the simulator has $(ls "/proc/$SIM_PID/fd" | wc -l) files open of $limit: the next run may hit its limit"
}
info_field() { curl -fs -m 5 "$1/api/info" | python3 -c "import json,sys; p=json.load(sys.stdin)['pools']; print($2)"; }
prom() { curl -fs -m 10 "$1/actuator/prometheus" >"$2" || : >"$2"; }
CSV_HEADER="series,config,mode,clients,offered_rps,repeat,window_s,ok200,non200,errors,ok_rps,p50_ms,p99_ms,latency_source,refused,refused_p50_ms,refused_p99_ms,cpu_app_ms,cpu_sim_ms,cpu_db_ms,cpu_gen_ms,ceiling_rps,service_ms,in_flight_cap,degraded_share,critical_ms"
echo "$CSV_HEADER" >"$OUT/load.csv"
row() { # the fields after the window's counts, computed by report_data.py
	python3 $DATA row "$@" >>"$OUT/load.csv"
	tail -1 "$OUT/load.csv" | python3 $DATA say "$CSV_HEADER" >&2
}

warm() { # url seconds: the JIT's first minute of load (bench/warmup.sh), at `fast`
	((JIT_WARMUP > 0)) || return 0
	preset '{"preset":"fast"}'
	say "warming $1 up: $2 s at fast, 100 clients"
	wrk_load 100 "${2}s" "$1/api/customers/5/overview" >/dev/null
}

# series 1: the lab's stacks, wrk, slow; the 200s' latency from wrk when every answer was a 200
# (client side: Tomcat's queue included), else from the stack's own histogram of 200s
cpu_run() { # stack clients repeat
	local s=$1 c=$2 r=$3 url=${URL[$1]} name="cpu-$1-c$2-r$3"
	quiet
	wrk_load "$c" "${WARMUP}s" "$url/api/customers/5/overview" >/dev/null
	quiet
	prom "$url" "$TMP/p0"
	local s0 s1 gen
	s0=$(snapshot "${PID[$s]}")
	gen=$( (wrk_load "$c" "${DURATION}s" "$url/api/customers/5/overview" >"$OUT/wrk/$name.txt"; awk '{print $16 + $17}' "/proc/$BASHPID/stat") )
	s1=$(snapshot "${PID[$s]}")
	prom "$url" "$TMP/p1"
	row cpu "$s" "$(mode_of "$url")" "$c" "" "$r" "$TICK_MS" "$CORES" "$CRITICAL_MS" "$(in_flight_cap "$url")" \
		"$s0" "$s1" "$gen" wrk "$OUT/wrk/$name.txt" "$TMP/p0" "$TMP/p1"
}
mode_of() { info_field "$1" "p['admission']['mode']"; }
in_flight_cap() { # what a stack can hold in flight at once: its admission limit, and on platform threads its threads
	info_field "$1" "min(x for x in (p['admission']['max'], p['server']['max'] if p['server']['kind'].startswith('Tomcat request threads') else None) if x)"
}

# series 2: hey's per-request rows, counted by completion time inside [RAMP, RAMP + WINDOW]
long_run() { # stack clients repeat
	local s=$1 c=$2 r=$3 url=${URL2[$1]} name="long-$1-c$2-r$3"
	quiet
	fd_room $((3 * c))
	# hey runs past the window (the scrapes take a while), and its rows are counted by completion
	# time between the two CPU snapshots
	local start s0 s1 from to
	start=$(now)
	hey -z "$((RAMP + WINDOW + 8))s" -c "$c" -t 120 -o csv "$url/api/customers/5/overview" >"$OUT/hey/$name.csv" 2>"$OUT/hey/$name.err" &
	local hey_pid=$!
	sleep "$RAMP"
	prom "$url" "$TMP/p0"
	s0=$(snapshot "${PID2[$s]}" "$hey_pid")
	from=$(now)
	sleep "$WINDOW"
	s1=$(snapshot "${PID2[$s]}" "$hey_pid")
	to=$(now)
	prom "$url" "$TMP/p1"
	wait "$hey_pid" || true
	row long "$s" "$(mode_of "$url")" "$c" "" "$r" "$TICK_MS" "$CORES" "$LONG_CRITICAL_MS" "$(in_flight_cap "$url")" \
		"$s0" "$s1" 0 hey "$OUT/hey/$name.csv:$(python3 -c "print($from - $start)"):$(python3 -c "print($to - $from)")" "$TMP/p0" "$TMP/p1"
}

# series 3: Gatling at a fixed arrival rate; its JVM's CPU from the simulation's start to its end
GATLING_CP=""
open_run() { # stack rate repeat
	local s=$1 rate=$2 r=$3 url=${URL3[$1]} name="open-$1-r$2-$3"
	quiet
	prom "$url" "$TMP/p0"
	"$LAB_JAVA" -Xms512m -Xmx512m --add-opens=java.base/java.lang=ALL-UNNAMED -Dbase="$url" -Drate="$rate" \
		-Dseconds="$OPEN_SECONDS" -cp "$GATLING_CP" io.gatling.app.Gatling -s dev.fanoutlab.load.OpenModelOverview \
		-rf "$TMP/gatling" >"$OUT/gatling/$name.txt" 2>&1 &
	local g=$! s0="" s1=""
	while kill -0 "$g" 2>/dev/null; do
		if [[ -z $s0 ]] && grep -q 'started\.\.\.' "$OUT/gatling/$name.txt" 2>/dev/null; then s0=$(snapshot "${PID3[$s]}" "$g"); fi
		if [[ -n $s0 && -z $s1 ]] && grep -q 'completed in' "$OUT/gatling/$name.txt" 2>/dev/null; then s1=$(snapshot "${PID3[$s]}" "$g"); fi
		sleep 0.2
	done
	wait "$g" || true
	[[ -n $s1 ]] || { say "$name: Gatling did not complete (see $OUT/gatling/$name.txt)"; return; }
	prom "$url" "$TMP/p1"
	row open "$s" "$(mode_of "$url")" "" "$rate" "$r" "$TICK_MS" "$CORES" "$CRITICAL_MS" "$(in_flight_cap "$url")" \
		"$s0" "$s1" 0 gatling "$OUT/gatling/$name.txt:$OPEN_SECONDS" "$TMP/p0" "$TMP/p1"
}

start_three() { # log prefix, then NAME=value settings for the three stacks beside the lab
	local prefix=$1 port=$EXTRA_PORT s
	shift
	declare -gA URLX PIDX
	for s in reactive blocking virtual; do
		ss -Hltn "sport = :$port" | grep -q . && die "port $port is taken (set REPORT_EXTRA_PORT_BASE)"
		start_beside_lab "$OUT/logs/$prefix-$s.log" "$s" "" "LAB_${s^^}_PORT=$port" "$@"
		EXTRA_PIDS+=($!)
		URLX[$s]=http://127.0.0.1:$port
		port=$((port + 1))
	done
	for s in reactive blocking virtual; do
		wait_ready "${URLX[$s]}" 240 || die "$prefix $s is not ready (see $OUT/logs/$prefix-$s.log)"
		PIDX[$s]=$(pid_on "${URLX[$s]##*:}")
	done
}
rotate() { # the items of stdin, starting at item (round - 1) * (n / 3 + 1): a different order each round
	awk -v r="$1" '{a[NR]=$0} END {n=NR; for (i=0;i<n;i++) print a[(i + (r-1)*int(n/3+1)) % n + 1]}'
}

# ------------------------------------------------------------------ the plan
n_cpu=$((3 * $(echo $CLIENTS_CPU | wc -w)))
n_long=$((2 * $(echo $CLIENTS_LONG | wc -w) + $(echo $CLIENTS_LONG_BLOCKING | wc -w)))
n_open=$((3 * $(echo $OPEN_FACTORS | wc -w)))
estimate=0
[[ $SERIES == *cpu* ]] && estimate=$((estimate + 3 * JIT_WARMUP + REPEATS * n_cpu * (DURATION + WARMUP + 8)))
[[ $SERIES == *long* ]] && estimate=$((estimate + 60 + 3 * JIT_WARMUP / 2 + REPEATS * n_long * (RAMP + WINDOW + 14 + 2 * LONG_MS / 1000)))
[[ $SERIES == *open* ]] && estimate=$((estimate + 60 + 3 * JIT_WARMUP / 2 + OPEN_REPEATS * n_open * (OPEN_SECONDS + 20)))
say "series: $SERIES; about $((estimate / 60 + 1)) min on a quiet machine; results in $OUT"
curl -fs -X PUT -H 'Content-Type: application/json' -d "$SLOW" "$SIM/admin/profile" >/dev/null
CRITICAL_MS=$(curl -fs "$SIM/admin/profile" >"$TMP/profile.json" && python3 $DATA critical "$TMP/profile.json")
preset "$LONG"
LONG_CRITICAL_MS=$(curl -fs "$SIM/admin/profile" >"$TMP/profile.json" && python3 $DATA critical "$TMP/profile.json")
preset "$SLOW"

if [[ $SERIES == *cpu* ]]; then
	for s in reactive blocking virtual; do
		[[ $(mode_of "${URL[$s]}") == queue ]] || die "the lab's $s stack is not in queue mode (start the lab without LAB_ADMISSION_MODE)"
		warm "${URL[$s]}" "$JIT_WARMUP"
	done
	preset "$SLOW"
	for r in $(seq 1 "$REPEATS"); do
		mapfile -t round < <(for s in reactive blocking virtual; do for c in $CLIENTS_CPU; do echo "$s $c"; done; done | rotate "$r")
		for item in "${round[@]}"; do
			# shellcheck disable=SC2086
			cpu_run $item "$r"
		done
	done
fi

if [[ $SERIES == *long* ]]; then
	max_clients=$(printf '%s\n' $CLIENTS_LONG $CLIENTS_LONG_BLOCKING | sort -n | tail -1)
	say "series 2: starting the three stacks beside the lab (queue, timeout $LONG_TIMEOUT, deadline $LONG_DEADLINE, admission $max_clients)"
	start_three long LAB_ADMISSION_MODE=queue LAB_ADMISSION_MAX_CONCURRENT="$max_clients" \
		LAB_DOWNSTREAM_TIMEOUT="$LONG_TIMEOUT" LAB_OVERVIEW_DEADLINE="$LONG_DEADLINE"
	declare -A URL2 PID2
	for s in reactive blocking virtual; do URL2[$s]=${URLX[$s]}; PID2[$s]=${PIDX[$s]}; warm "${URL2[$s]}" $((JIT_WARMUP / 2)); done
	preset "$LONG"
	for r in $(seq 1 "$REPEATS"); do
		mapfile -t round < <( (for s in reactive virtual; do for c in $CLIENTS_LONG; do echo "$s $c"; done; done
			for c in $CLIENTS_LONG_BLOCKING; do echo "blocking $c"; done) | rotate "$r")
		for item in "${round[@]}"; do
			# shellcheck disable=SC2086
			long_run $item "$r"
		done
	done
	preset "$SLOW"
	stop_extras
fi

if [[ $SERIES == *open* ]]; then
	say "series 3: the Gatling profile's classpath (./mvnw -Pgatling test-compile)"
	./mvnw -B -ntp -q -o -Pgatling test-compile dependency:build-classpath -Dmdep.outputFile=target/gatling.classpath \
		-Dmdep.includeScope=test >"$OUT/logs/gatling-build.log" 2>&1 \
		|| ./mvnw -B -ntp -q -Pgatling test-compile dependency:build-classpath -Dmdep.outputFile=target/gatling.classpath \
			-Dmdep.includeScope=test >"$OUT/logs/gatling-build.log" 2>&1 || die "the Gatling profile did not build: $OUT/logs/gatling-build.log"
	GATLING_CP=target/test-classes:$(cat target/gatling.classpath)
	say "series 3: starting the three stacks beside the lab (shed: the same limit on every stack)"
	start_three open LAB_ADMISSION_MODE=shed
	declare -A URL3 PID3
	for s in reactive blocking virtual; do URL3[$s]=${URLX[$s]}; PID3[$s]=${PIDX[$s]}; warm "${URL3[$s]}" $((JIT_WARMUP / 2)); done
	preset "$SLOW"
	limit=$(info_field "${URL3[reactive]}" "p['admission']['max']")
	for s in blocking virtual; do
		[[ $(info_field "${URL3[$s]}" "p['admission']['max']") == "$limit" ]] || die "shed mode: $s does not admit $limit as reactive does"
	done
	capacity=$(python3 -c "print($limit * 1000 / $CRITICAL_MS)")
	say "series 3: every stack admits $limit: capacity $limit / ${CRITICAL_MS} ms = $capacity req/s"
	for r in $(seq 1 "$OPEN_REPEATS"); do
		mapfile -t round < <(for s in reactive blocking virtual; do for f in $OPEN_FACTORS; do echo "$s $(python3 -c "print(round($f * $capacity))")"; done; done | rotate "$r")
		for item in "${round[@]}"; do
			# shellcheck disable=SC2086
			open_run $item "$r"
		done
	done
	stop_extras
fi

# ------------------------------------------------------------------ the report
ELAPSED=$(($(date +%s) - START))
python3 - "$OUT/meta.json" <<EOF
import json, sys
json.dump({
  "date": "$(date -u +%FT%H:%MZ)", "quick": $([[ $QUICK == 1 ]] && echo True || echo False),
  "command": """$(printf '%s' "$ENV_SHOWN$COMMAND_LINE")""",
  "settings": "REPEATS=$REPEATS JIT_WARMUP=${JIT_WARMUP}s | cpu: CLIENTS_CPU=($CLIENTS_CPU) DURATION=${DURATION}s WARMUP=${WARMUP}s | long: LONG_MS=$LONG_MS LONG_TIMEOUT=$LONG_TIMEOUT LONG_DEADLINE=$LONG_DEADLINE CLIENTS_LONG=($CLIENTS_LONG) CLIENTS_LONG_BLOCKING=($CLIENTS_LONG_BLOCKING) RAMP=${RAMP}s WINDOW=${WINDOW}s | open: OPEN_FACTORS=($OPEN_FACTORS) OPEN_SECONDS=${OPEN_SECONDS}s OPEN_REPEATS=$OPEN_REPEATS",
  "series": "$SERIES",
  "commit": "$COMMIT", "dirty": $([[ -n $DIRTY ]] && echo True || echo False),
  "nproc": "$CORES", "cpu": """$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)""",
  "memory": "$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)",
  "java": """$("$LAB_JAVA" -version 2>&1 | head -1)""",
  "open_files": "$OPEN_FILES", "simulator_open_files": "$(awk '/Max open files/ {print $4}' "/proc/$SIM_PID/limits")",
  "critical_ms": $CRITICAL_MS, "long_critical_ms": $LONG_CRITICAL_MS,
  "elapsed": "$((ELAPSED / 60)) min $((ELAPSED % 60)) s",
}, open(sys.argv[1], "w"), indent=1)
EOF
python3 $DATA summarize "$OUT"
"$PLOT_PYTHON" bench/report_plots.py "$OUT"
if [[ $PUBLISH == 1 ]]; then
	python3 $DATA publish "$OUT" docs/results.md
	say "docs/results.md: the report's part replaced (between <!-- report:begin --> and <!-- report:end -->)"
fi
say "done in $((ELAPSED / 60)) min: $OUT/report.md"
