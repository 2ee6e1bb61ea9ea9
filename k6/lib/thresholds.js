// Shared thresholds. Declaring a threshold on a tag-filtered metric such as
// `http_req_duration{stack:reactive,phase:measure}` is what makes k6 keep that sub-metric and
// hand it to handleSummary, so every row of the report gets one, even when only to expose it.
// PURE: no k6 import.

/** The Rate lib/degraded.js declares (k6 side; named here so that pure code needs no k6 import). */
export const DEGRADED_METRIC = 'overview_degraded';

/** @typedef {string | { threshold: string, abortOnFail?: boolean, delayAbortEval?: string }} Threshold */
/** @typedef {Record<string, Threshold[]>} Thresholds */

/** Trend stats k6 keeps for the summary: the report reads p(50), p(95), p(99) and avg. */
export const SUMMARY_TREND_STATS = Object.freeze(['avg', 'min', 'med', 'max', 'p(50)', 'p(90)', 'p(95)', 'p(99)', 'count']);

/** Always true: declares the sub-metric without judging it. */
const EXPOSE = Object.freeze({ trend: 'max>=0', rate: 'rate>=0', counter: 'count>=0' });

/**
 * The sub-metric name k6 uses in data.metrics: `metric{key:value,...}` in the order given.
 * @param {string} metric
 * @param {Readonly<Record<string, string>>} tags
 * @returns {string}
 */
export function subMetricKey(metric, tags) {
  const selector = Object.entries(tags)
    .map(([k, v]) => `${k}:${v}`)
    .join(',');
  return selector === '' ? metric : `${metric}{${selector}}`;
}

/**
 * Thresholds for every row of a report: SLOs when `slo` is given (latency only when it has
 * p95Ms), else exposure only; plus `dropped_iterations{scenario:<name>}` per stack (k6 tags
 * dropped iterations with their scenario).
 * @param {import('./compare.js').ReportSpec} spec
 * @param {{ p95Ms?: number, maxErrorRate: number }} [slo]
 * @returns {Thresholds}
 */
export function reportThresholds(spec, slo) {
  /** @type {Thresholds} */
  const thresholds = {};
  for (const row of spec.rows) {
    thresholds[subMetricKey('http_req_duration', row.tags)] = slo?.p95Ms !== undefined ? [`p(95)<${slo.p95Ms}`] : [EXPOSE.trend];
    thresholds[subMetricKey('http_req_failed', row.tags)] = slo ? [`rate<=${slo.maxErrorRate}`] : [EXPOSE.rate];
    thresholds[subMetricKey('http_reqs', row.tags)] = [EXPOSE.counter];
    thresholds[subMetricKey('checks', row.tags)] = slo ? [`rate>=${roundRate(1 - slo.maxErrorRate)}`] : [EXPOSE.rate];
    thresholds[subMetricKey(DEGRADED_METRIC, row.tags)] = [EXPOSE.rate];
  }
  for (const scenario of Object.values(spec.scenarios)) {
    if (scenario !== undefined) {
      thresholds[subMetricKey('dropped_iterations', { scenario })] = [EXPOSE.counter];
    }
  }
  return thresholds;
}

/**
 * @param {number} rate
 * @returns {number} without float noise (1 - 0.01 = 0.99, not 0.9899999999999999)
 */
function roundRate(rate) {
  return Math.round(rate * 1e6) / 1e6;
}

/**
 * Merges threshold maps; lists for the same metric are concatenated.
 * @param {...Thresholds} maps
 * @returns {Thresholds}
 */
export function mergeThresholds(...maps) {
  /** @type {Thresholds} */
  const merged = {};
  for (const map of maps) {
    for (const [metric, list] of Object.entries(map)) {
      merged[metric] = [...(merged[metric] ?? []), ...list];
    }
  }
  return merged;
}

/**
 * Aborts the test when a stack fails more than `maxRate` of its measured requests, after
 * `graceSeconds` counted from that stack's own start: k6's delayAbortEval counts from the start
 * of the whole test, so a fixed delay would give only the first stack any grace.
 * @param {readonly string[]} stacks
 * @param {ReadonlyArray<{ name: string, start: number }>} windows scenario windows (profiles.scenarioWindows)
 * @param {number} maxRate
 * @param {number} graceSeconds
 * @returns {Thresholds}
 */
export function abortOnErrors(stacks, windows, maxRate, graceSeconds) {
  /** @type {Thresholds} */
  const thresholds = {};
  for (const stack of stacks) {
    const start = windows.find((w) => w.name === stack)?.start ?? 0;
    const delay = Math.round((start + graceSeconds) * 1000);
    thresholds[subMetricKey('http_req_failed', { stack, phase: 'measure' })] = [
      { threshold: `rate<${maxRate}`, abortOnFail: true, delayAbortEval: delay % 1000 === 0 ? `${delay / 1000}s` : `${delay}ms` },
    ];
  }
  return thresholds;
}
