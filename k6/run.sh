#!/bin/sh
# Runs one k6 script with what every run wants; the same script runs on your machine and as
# the k6 container's entry point (POSIX sh: the k6 image has no bash):
#   - system tags without `url`, so the remote-write output makes one series per endpoint
#     (requests carry a bounded `name` tag), not one per customer id;
#   - results/ exists (handleSummary writes <script>-<stamp>.md and .json there; k6 does not
#     create directories), and k6's HTML report goes next to them as <script>-<stamp>.html;
#   - a testid tag, so runs can be told apart in Grafana;
#   - when K6_PROMETHEUS_RW_SERVER_URL is set, the remote-write output with the percentiles
#     the dashboards read, and stale markers.
# Usage: k6/run.sh compare [extra k6 args...]     (PROFILE=fast RATE=800 k6/run.sh compare)
set -eu
here=$(cd "$(dirname "$0")" && pwd)

script=${1:?usage: k6/run.sh <smoke|compare|ladder|spike|soak> [k6 args...]}
shift
script=${script%.js}
[ -f "$here/$script.js" ] || { echo "no such script: k6/$script.js" >&2; exit 2; }

results=${RESULTS_DIR:-$here/../results}
mkdir -p "$results"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
# handleSummary names its files after RUN_STAMP, so the summary and the HTML report pair up
export RESULTS_DIR="$results" RUN_STAMP="$stamp"
export K6_SYSTEM_TAGS="${K6_SYSTEM_TAGS:-proto,status,method,name,group,check,error,error_code,scenario,expected_response}"
export K6_WEB_DASHBOARD="${K6_WEB_DASHBOARD:-true}"
export K6_WEB_DASHBOARD_EXPORT="${K6_WEB_DASHBOARD_EXPORT:-$results/$script-$stamp.html}"
set -- run --tag "testid=$script-$stamp" "$@"
if [ -n "${K6_PROMETHEUS_RW_SERVER_URL:-}" ]; then
	export K6_PROMETHEUS_RW_TREND_STATS="${K6_PROMETHEUS_RW_TREND_STATS:-p(50),p(95),p(99),max}"
	export K6_PROMETHEUS_RW_STALE_MARKERS="${K6_PROMETHEUS_RW_STALE_MARKERS:-true}"
	set -- "$@" -o experimental-prometheus-rw
fi

status=0
k6 "$@" "$here/$script.js" || status=$?
# In the container k6 runs as root (to write into a bind-mounted results/ whoever owns it):
# hand what it wrote to the directory's owner.
if [ "$(id -u)" = 0 ]; then
	owner=$(stat -c %u:%g "$results")
	[ "$owner" = 0:0 ] || chown "$owner" "$results/$script-$stamp".* 2>/dev/null || true
fi
exit "$status"
