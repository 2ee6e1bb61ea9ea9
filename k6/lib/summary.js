// Reading the data object k6 hands to handleSummary(data).
// PURE: no k6 import.
//
// The shape (k6 >= 0.30, unchanged by k6 1.x's new console summary):
//   data.metrics["http_req_duration{stack:reactive,phase:measure}"] =
//     { type: "trend", contains: "time", values: { avg, med, "p(95)", ... }, thresholds: { "p(95)<1200": { ok: true } } }
//   counters: values { count, rate }; rates: values { rate, passes, fails }; gauges: values { value, min, max }
//   data.state.testRunDurationMs; data.root_group.checks; data.options.summaryTrendStats; data.setup_data

/**
 * @typedef {object} SummaryMetric
 * @property {string} type trend | counter | rate | gauge
 * @property {string} [contains] time | data | default
 * @property {Record<string, number>} values
 * @property {Record<string, { ok: boolean }>} [thresholds]
 */

/**
 * @typedef {object} SummaryData
 * @property {Record<string, SummaryMetric>} metrics
 * @property {{ testRunDurationMs?: number, isStdOutTTY?: boolean, isStdErrTTY?: boolean }} [state]
 * @property {{ summaryTrendStats?: string[], summaryTimeUnit?: string, noColor?: boolean }} [options]
 * @property {unknown} [root_group]
 * @property {unknown} [setup_data]
 */

/**
 * @param {SummaryData} data
 * @param {string} key metric or sub-metric name
 * @param {string} stat e.g. "p(95)", "count", "rate"
 * @returns {number | undefined} the value, or undefined when the metric or stat is absent
 */
export function metricValue(data, key, stat) {
  const value = data.metrics?.[key]?.values?.[stat];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * A percentile, falling back to `med` for p(50) when summaryTrendStats left p(50) out.
 * @param {SummaryData} data
 * @param {string} key
 * @param {number} p
 * @returns {number | undefined}
 */
export function percentile(data, key, p) {
  const value = metricValue(data, key, `p(${p})`);
  return value === undefined && p === 50 ? metricValue(data, key, 'med') : value;
}

/**
 * @param {SummaryData} data
 * @returns {number | undefined} the whole run in seconds, setup and teardown included
 */
export function testRunSeconds(data) {
  const ms = data.state?.testRunDurationMs;
  return typeof ms === 'number' && ms > 0 ? ms / 1000 : undefined;
}

/**
 * @param {SummaryData} data
 * @returns {string[]} thresholds that failed, as "metric: expression"
 */
export function failedThresholds(data) {
  /** @type {string[]} */
  const failed = [];
  for (const [name, metric] of Object.entries(data.metrics ?? {})) {
    for (const [expression, result] of Object.entries(metric.thresholds ?? {})) {
      if (!result.ok) {
        failed.push(`${name}: ${expression}`);
      }
    }
  }
  return failed;
}

/**
 * results/<script>-<timestamp>: a UTC timestamp safe in file names on every OS, sortable.
 * @param {string} dir
 * @param {string} script
 * @param {Date} date
 * @param {string} [runStamp] the stamp k6/run.sh chose (RUN_STAMP), used as given when set
 * @returns {string} the path without extension
 */
export function resultBasePath(dir, script, date, runStamp) {
  const stamp = runStamp && /^[0-9A-Za-z-]+$/.test(runStamp) ? runStamp : date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '');
  return `${dir.replace(/\/+$/, '')}/${script}-${stamp}`;
}
