#!/usr/bin/env bash
# Runs one k6 script from the repository root, with what every run wants:
#   - results/ exists (handleSummary writes results/<script>-<timestamp>.md and .json there;
#     k6 does not create directories);
#   - a testid tag, so runs can be told apart in Grafana;
#   - when K6_PROMETHEUS_RW_SERVER_URL is set, k6's Prometheus remote-write output, with the
#     percentiles the lab's dashboards read.
# Usage: k6/run.sh compare [extra k6 args...]     (PROFILE=fast RATE=800 k6/run.sh compare)
set -euo pipefail
cd "$(dirname "$0")/.."

script="${1:?usage: k6/run.sh <smoke|compare|ladder|spike|soak> [k6 args...]}"
shift
script="${script%.js}"
[[ -f "k6/${script}.js" ]] || { echo "no such script: k6/${script}.js" >&2; exit 2; }

mkdir -p "${RESULTS_DIR:-results}"
args=(run --tag "testid=${script}-$(date -u +%Y%m%dT%H%M%SZ)")
if [[ -n "${K6_PROMETHEUS_RW_SERVER_URL:-}" ]]; then
  export K6_PROMETHEUS_RW_TREND_STATS="${K6_PROMETHEUS_RW_TREND_STATS:-p(50),p(95),p(99),max}"
  args+=(-o experimental-prometheus-rw)
fi
exec k6 "${args[@]}" "$@" "k6/${script}.js"
