// The end-of-test text summary, written here so that no script needs the internet at start
// (k6's own textSummary lives on jslib.k6.io). Not a copy of it: one line per metric, its
// thresholds marked, the checks' pass rate; the per-stack comparison table follows it.
// PURE: no k6 import.

/** @typedef {import('./summary.js').SummaryData} SummaryData */
/** @typedef {import('./summary.js').SummaryMetric} SummaryMetric */

/**
 * @param {number} value
 * @param {string | undefined} contains time | data | default
 * @returns {string}
 */
export function formatValue(value, contains) {
  if (contains === 'time') {
    return value >= 1000 ? `${(value / 1000).toFixed(2)}s` : `${value.toFixed(2)}ms`;
  }
  if (contains === 'data') {
    const units = ['B', 'kB', 'MB', 'GB'];
    let v = value;
    let unit = 0;
    while (v >= 1000 && unit < units.length - 1) {
      v /= 1000;
      unit += 1;
    }
    return `${v.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
  }
  return Number.isInteger(value) ? String(value) : value.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
}

/**
 * @param {SummaryMetric} metric
 * @param {readonly string[]} trendStats
 * @returns {string}
 */
function describe(metric, trendStats) {
  const v = metric.values ?? {};
  /** @param {string} key */
  const f = (key) => (typeof v[key] === 'number' ? formatValue(/** @type {number} */ (v[key]), metric.contains) : '-');
  switch (metric.type) {
    case 'trend':
      return trendStats.filter((s) => s in v).map((s) => `${s}=${f(s)}`).join(' ');
    case 'counter':
      return `${f('count')} (${formatValue(v.rate ?? 0, 'default')}/s)`;
    case 'rate':
      return `${((v.rate ?? 0) * 100).toFixed(2)}% (${v.passes ?? 0} of ${(v.passes ?? 0) + (v.fails ?? 0)})`;
    case 'gauge':
      return `${f('value')} min=${f('min')} max=${f('max')}`;
    default:
      return JSON.stringify(v);
  }
}

/**
 * Top-level metrics only (sub-metrics `name{tag:value}` are the comparison table's), sorted;
 * a metric with a failed threshold is marked ✗, one whose thresholds all passed ✓.
 * @param {SummaryData} data
 * @param {{ indent?: string }} [options]
 * @returns {string}
 */
export function textSummary(data, options = {}) {
  const indent = options.indent ?? ' ';
  const trendStats = data.options?.summaryTrendStats ?? ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'];
  const names = Object.keys(data.metrics ?? {})
    .filter((name) => !name.includes('{'))
    .sort();
  const width = Math.max(0, ...names.map((n) => n.length)) + 2;
  const lines = names.map((name) => {
    const metric = /** @type {SummaryMetric} */ (data.metrics[name]);
    const results = Object.values(metric.thresholds ?? {});
    const mark = results.length === 0 ? ' ' : results.every((r) => r.ok) ? '✓' : '✗';
    return `${indent}${mark} ${name.padEnd(width, '.')}: ${describe(metric, trendStats)}`;
  });
  const seconds = data.state?.testRunDurationMs !== undefined ? ` in ${(data.state.testRunDurationMs / 1000).toFixed(1)} s` : '';
  return [`${indent}k6 metrics${seconds}:`, ...lines].join('\n');
}
