# Shared by the bench scripts that work beside a running lab: sourced, not run.
#   . "$(dirname "$0")/lab.sh"
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# The JVM options of every measurement: a fixed 2 GiB heap on ZGC (lab.RoleHeap.MEASURED_JAVA_OPTS).
# The lab sizes its roles' heaps from the machine's memory unless LAB_CHILD_JAVA_OPTS says, so
# start the lab to be measured with: LAB_CHILD_JAVA_OPTS="$BENCH_JAVA_OPTS" java -jar target/fanout-lab.jar lab
BENCH_JAVA_OPTS='-Xms2g -Xmx2g -XX:+UseZGC -XX:+ExitOnOutOfMemoryError'

# Fails, saying how to restart the lab, unless its roles run with the fixed 2 GiB heap (the run
# file's LAB_CHILD_JAVA_OPTS); BENCH_ANY_HEAP=1 measures whatever heap the lab has
require_bench_heap() { # run file text
	local opts
	opts=$(set -a; eval "$1"; echo "${LAB_CHILD_JAVA_OPTS:-}")
	[[ ${BENCH_ANY_HEAP:-0} == 1 || (" $opts " == *" -Xms2g "* && " $opts " == *" -Xmx2g "* && " $opts " == *" -XX:+UseZGC "*) ]] && return 0
	echo "the lab's roles run with '$opts', not the fixed 2 GiB heap on ZGC every measurement uses:" >&2
	echo "restart it with LAB_CHILD_JAVA_OPTS='$BENCH_JAVA_OPTS' (or set BENCH_ANY_HEAP=1 to measure it anyway)" >&2
	return 1
}

# The run file the lab writes when it is ready: LAB_RUN_FILE, else <tmp>/fanout-lab-<simulator port>.env
lab_run_file() { # simulator port
	local file=${LAB_RUN_FILE:-${TMPDIR:-/tmp}/fanout-lab-$1.env}
	[[ -f $file ]] || file=/tmp/fanout-lab-$1.env # java.io.tmpdir is /tmp on Linux
	echo "$file"
}

# The process listening on a local port (the lab's processes run as this user)
pid_on() { ss -Hltnp "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }

# Closed model: CLIENTS connections, each sends its next request when its last is answered;
# bench/wrk-summary.lua adds the lines `report_data.py wrk` reads, every status counted
wrk_load() { # clients duration (as wrk takes it: 15s) url
	wrk -t "$(nproc)" -c "$1" -d "$2" --timeout 60s -s "$BENCH_DIR/wrk-summary.lua" "$3"
}

# The running lab's run file text (its database, simulator and java), what start_beside_lab
# needs as LAB_ENV; fails, saying what to do, when no lab has written one or its roles do not
# have the measured heap
lab_env() { # simulator port
	local file
	file=$(lab_run_file "$1")
	[[ -f $file ]] || { echo "no run file $file: start the lab first (LAB_CHILD_JAVA_OPTS='$BENCH_JAVA_OPTS' java -jar target/fanout-lab.jar lab)" >&2; return 1; }
	require_bench_heap "$(cat "$file")" || return 1
	cat "$file"
}

# One more role beside the lab, with the lab's database, simulator and java (LAB_ENV: the run
# file's text), in the background; JVM options word-split, the lab's own when empty; every
# further argument a NAME=value exported to the role (its port, its settings); the jar is
# LAB_JAR, else the built one
start_beside_lab() { # log role "jvm options" NAME=value...
	local log=$1 role=$2 opts=$3
	shift 3
	(
		set -a
		eval "$LAB_ENV"
		set +a
		unset LAB_RUN_FILE
		export "$@"
		# shellcheck disable=SC2086 # the options, word-split as the lab does
		exec "$LAB_JAVA" ${opts:-$LAB_CHILD_JAVA_OPTS} -jar "${LAB_JAR:-target/fanout-lab.jar}" "$role"
	) >"$log" 2>&1 &
}

# Waits up to SECONDS for a role's readiness; fails when it is not ready by then
wait_ready() { # url seconds
	local _
	for _ in $(seq 1 "$2"); do
		curl -fs "$1/actuator/health/readiness" >/dev/null 2>&1 && return 0
		sleep 1
	done
	curl -fs "$1/actuator/health/readiness" >/dev/null
}
