#!/usr/bin/env bash
# Where the CPU and the allocation go, before changing anything: one stack of a running lab
# (java -jar target/fanout-lab.jar lab) under wrk load, profiled with JFR (settings=profile:
# CPU samples every 10-20 ms per thread, allocation samples) and read from /proc.
#
#   bench/profile.sh reactive                            # fast, 100 clients, overview of customer 5
#   PRESET=slow CLIENTS=1000 bench/profile.sh virtual
#   TARGET=simulator bench/profile.sh blocking           # the simulator while blocking is loaded
#   PATTERNS='Observation r2dbc' bench/profile.sh reactive
#
# Prints, for the profiled process (the stack, or TARGET=simulator):
#   - its CPU per request split into user and kernel time, and by thread group (/proc/<pid>/task):
#     JFR samples only threads running Java code, so a thread busy in the kernel shows here only;
#   - the CPU samples and the allocation samples by thread, by package and by first frame outside
#     the JDK, and the inclusive share of each PATTERN (bench/jfr_top.py);
# and keeps the recording (OUT, a new directory under /tmp unless set) for `jfr` or JMC.
# WARMUP (default 40s) first: a profile of a JVM still compiling shows the JIT, not the code.
set -euo pipefail
. "$(dirname "$0")/lab.sh"
STACK=${1:?usage: bench/profile.sh reactive|blocking|virtual}
declare -A PORT=([reactive]=${LAB_REACTIVE_PORT:-8081} [blocking]=${LAB_BLOCKING_PORT:-8082} [virtual]=${LAB_VIRTUAL_PORT:-8083})
[[ -n ${PORT[$STACK]:-} ]] || { echo "unknown stack $STACK"; exit 1; }
SIM_PORT=${LAB_DOWNSTREAM_PORT:-8090}
if [[ -f $(lab_run_file "$SIM_PORT") ]]; then require_bench_heap "$(cat "$(lab_run_file "$SIM_PORT")")" || exit 1; fi
TARGET=${TARGET:-stack}
PRESET=${PRESET:-fast}
CLIENTS=${CLIENTS:-100}
WARMUP=${WARMUP:-40s}
DURATION=${DURATION:-30}
PATH_=${PATH_:-/api/customers/5/overview}
PATTERNS=${PATTERNS:-Observation|observation r2dbc|jdbc|postgresql tools.jackson web.reactive.function.client|web.client|http.client reactor.netty.http.server|catalina|coyote}
OUT=${OUT:-$(mktemp -d /tmp/fanout-profile.XXXXXX)}
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

url="http://127.0.0.1:${PORT[$STACK]}$PATH_"
pid=$(pid_on "$([[ $TARGET == simulator ]] && echo "$SIM_PORT" || echo "${PORT[$STACK]}")")
[[ -n $pid ]] || { echo "nothing listening for $TARGET; start the lab first"; exit 1; }
java_bin=$(dirname "$(readlink -f "/proc/$pid/exe")")
mkdir -p "$OUT"
curl -sf -X PUT -H 'Content-Type: application/json' -d "{\"preset\":\"$PRESET\"}" \
	"http://127.0.0.1:$SIM_PORT/admin/profile" >/dev/null

# per thread group (digits folded): "<group> <utime+stime ticks>", summed
thread_ticks() {
	local t name
	for t in /proc/"$pid"/task/*; do
		# a thread may end while we read: skip it
		name=$( (tr ' ' _ <"$t/comm") 2>/dev/null) || continue
		# the thread's name may hold spaces: the fields after the ')' closing it
		awk -v name="$name" '{sub(/.*\) /, ""); print name, $12 + $13}' "$t/stat" 2>/dev/null || true
	done | awk '{gsub(/[0-9]+/, "N", $1); n[$1] += $2} END {for (k in n) print k, n[k]}'
}

echo "# JFR profile of $TARGET (pid $pid), $STACK under load: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores,"
echo "# preset $PRESET, $CLIENTS clients on $PATH_, warm-up $WARMUP, ${DURATION}s recorded; recording in $OUT"
wrk_load "$CLIENTS" "$WARMUP" "$url" >/dev/null
"$java_bin/jcmd" "$pid" JFR.start name=fanout-profile settings=profile duration="${DURATION}s" \
	filename="$OUT/$TARGET.jfr" >/dev/null
read -r u0 s0 < <(awk '{print $14, $15}' "/proc/$pid/stat")
thread_ticks >"$OUT/threads.0"
wrk_load "$CLIENTS" "${DURATION}s" "$url" >"$OUT/wrk.txt"
read -r u1 s1 < <(awk '{print $14, $15}' "/proc/$pid/stat")
thread_ticks >"$OUT/threads.1"
sleep 3 # JFR writes the file when its duration ends
read -r rps _ _ ok non2xx _ _ _ < <(python3 "$BENCH_DIR/report_data.py" wrk "$OUT/wrk.txt")
python3 - "$u0" "$s0" "$u1" "$s1" "$((ok + non2xx))" "$(getconf CLK_TCK)" "$rps" "$OUT" <<'PY'
import sys
u0, s0, u1, s1, n, hz = map(int, sys.argv[1:7])
rps, out = float(sys.argv[7]), sys.argv[8]
ms = lambda ticks: ticks * 1000 / hz / max(n, 1)
print(f'\n{rps:.0f} req/s; CPU ms per request: {ms(u1 - u0 + s1 - s0):.3f} '
      f'(user {ms(u1 - u0):.3f}, kernel {ms(s1 - s0):.3f})')
before = dict(l.split() for l in open(f'{out}/threads.0'))
after = {k: int(v) - int(before.get(k, 0)) for k, v in (l.split() for l in open(f'{out}/threads.1'))}
total = sum(after.values()) or 1
print('\nCPU by thread group (/proc)')
for k, v in sorted(after.items(), key=lambda kv: -kv[1])[:8]:
    print(f'{100 * v / total:5.1f}%  {k}')
PY
read -r -a pats <<<"$PATTERNS"
echo; echo "## CPU samples (jdk.ExecutionSample)"
"$java_bin/jfr" print --events jdk.ExecutionSample --stack-depth 200 "$OUT/$TARGET.jfr" \
	| python3 "$BENCH_DIR/jfr_top.py" cpu "${pats[@]}"
echo; echo "## Allocation samples (jdk.ObjectAllocationSample, by sampled bytes)"
"$java_bin/jfr" print --events jdk.ObjectAllocationSample --stack-depth 64 "$OUT/$TARGET.jfr" \
	| python3 "$BENCH_DIR/jfr_top.py" alloc "${pats[@]}"
