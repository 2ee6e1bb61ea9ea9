// The per-stack comparison, built from handleSummary's data object and the run's own plan.
// PURE: no k6 import.
//
// Throughput share of the Little's-law bound (column "of bound"):
//   open model  (constant/ramping-arrival-rate): bound = the offered arrival rate. A stack that
//               keeps up serves ~100 %; less means requests queued, failed or were never sent
//               (dropped_iterations). The concurrency it had to hold is lambda x W_min.
//   closed model (constant-vus, no think time):  bound = VUs / critical-path latency, the most
//               that many clients can get when nothing is faster than the simulator's waits.
// "in flight" = achieved req/s x mean latency: Little's law applied to what was measured, the
// mean concurrency the stack really carried.
import { RAMP_LABEL } from './profiles.js';
import { metricValue, percentile, testRunSeconds } from './summary.js';
import { concurrencyFor, shareOf, throughputBound } from './littles-law.js';
import { DEGRADED_METRIC, subMetricKey } from './thresholds.js';

/** @typedef {import('./targets.js').StackName} StackName */
/** @typedef {import('./summary.js').SummaryData} SummaryData */

/**
 * @typedef {object} RowSpec one row of the report: a stack, or one segment of a stack's run
 * @property {StackName} stack
 * @property {string} [segment] e.g. a ladder step ("400") or a spike phase ("spike")
 * @property {Record<string, string>} tags the sub-metric selector for this row's requests
 * @property {number} windowSeconds how long this row's load was applied (req/s = count / window)
 * @property {number} [offeredRate] open model: the arrival rate offered, req/s
 * @property {number} [concurrency] closed model: the VUs looping
 */

/**
 * @typedef {object} ReportSpec what a script hands to handleSummary to describe its run
 * @property {string} script file name without .js, used for results/<script>-<timestamp>.*
 * @property {string} title
 * @property {'open' | 'closed'} model
 * @property {string} preset the simulator preset in force
 * @property {number} criticalPathMs
 * @property {RowSpec[]} rows
 * @property {Partial<Record<StackName, string>>} scenarios stack -> its measured scenario's name
 * @property {string} [description] replaces the generated run description under the title
 * @property {number} [sloP95Ms] used to flag the knee of staged runs
 * @property {number} [maxErrorRate]
 */

/**
 * @typedef {object} Row
 * @property {StackName} stack
 * @property {string | undefined} segment
 * @property {boolean} present false when k6 recorded no request for this row
 * @property {number} requests
 * @property {number | undefined} rps achieved requests/s over the row's window
 * @property {number | undefined} p50 ms
 * @property {number | undefined} p95 ms
 * @property {number | undefined} p99 ms
 * @property {number | undefined} avg ms
 * @property {number | undefined} errorRate share of http_req_failed
 * @property {number | undefined} degradedRate share of the 200s whose `degraded` is non-empty
 * @property {number | undefined} checkRate share of checks passed
 * @property {number | undefined} offeredRate
 * @property {number | undefined} bound the Little's-law bound, req/s
 * @property {number | undefined} share rps / bound
 * @property {number | undefined} neededConcurrency open: offered x critical path; closed: the VUs
 * @property {number | undefined} inFlight measured: rps x avg latency
 */

/**
 * @typedef {object} Comparison
 * @property {string} script
 * @property {string} title
 * @property {string | undefined} description
 * @property {'open' | 'closed'} model
 * @property {string} preset
 * @property {number} criticalPathMs
 * @property {number | undefined} testRunSeconds
 * @property {Row[]} rows
 * @property {Partial<Record<StackName, number>>} dropped dropped_iterations per stack
 * @property {number} droppedTotal
 * @property {Knee[]} knees one per stack of a staged run, empty otherwise
 */

/**
 * @typedef {object} Knee
 * @property {StackName} stack
 * @property {number | undefined} lastGoodRate the highest offered rate the stack still served within budget
 * @property {number | undefined} kneeRate the first offered rate it did not
 * @property {string | undefined} reason
 */

/** Below this share of the offered rate a stack is no longer keeping up. */
export const KEEPING_UP = 0.95;

/**
 * @param {SummaryData} data
 * @param {ReportSpec} spec
 * @returns {Comparison}
 */
export function buildComparison(data, spec) {
  const rows = spec.rows.map((row) => buildRow(data, spec, row));
  /** @type {Partial<Record<StackName, number>>} */
  const dropped = {};
  for (const [stack, scenario] of Object.entries(spec.scenarios)) {
    if (scenario !== undefined) {
      dropped[/** @type {StackName} */ (stack)] = metricValue(data, subMetricKey('dropped_iterations', { scenario }), 'count') ?? 0;
    }
  }
  const hasSegments = rows.some((r) => r.segment !== undefined);
  return {
    script: spec.script,
    title: spec.title,
    description: spec.description,
    model: spec.model,
    preset: spec.preset,
    criticalPathMs: spec.criticalPathMs,
    testRunSeconds: testRunSeconds(data),
    rows,
    dropped,
    droppedTotal: metricValue(data, 'dropped_iterations', 'count') ?? 0,
    knees: hasSegments && spec.model === 'open' ? findKnees(rows, spec) : [],
  };
}

/**
 * @param {SummaryData} data
 * @param {ReportSpec} spec
 * @param {RowSpec} row
 * @returns {Row}
 */
function buildRow(data, spec, row) {
  const duration = subMetricKey('http_req_duration', row.tags);
  const requests = metricValue(data, subMetricKey('http_reqs', row.tags), 'count') ?? 0;
  const present = requests > 0;
  const rps = row.windowSeconds > 0 ? requests / row.windowSeconds : undefined;
  const avg = present ? metricValue(data, duration, 'avg') : undefined;
  const bound =
    spec.model === 'open'
      ? row.offeredRate
      : row.concurrency !== undefined
        ? throughputBound(row.concurrency, spec.criticalPathMs)
        : undefined;
  const needed =
    spec.model === 'open'
      ? row.offeredRate !== undefined
        ? concurrencyFor(row.offeredRate, spec.criticalPathMs)
        : undefined
      : row.concurrency;
  return {
    stack: row.stack,
    segment: row.segment,
    present,
    requests,
    rps,
    p50: present ? percentile(data, duration, 50) : undefined,
    p95: present ? percentile(data, duration, 95) : undefined,
    p99: present ? percentile(data, duration, 99) : undefined,
    avg,
    errorRate: present ? metricValue(data, subMetricKey('http_req_failed', row.tags), 'rate') : undefined,
    degradedRate: present ? metricValue(data, subMetricKey(DEGRADED_METRIC, row.tags), 'rate') : undefined,
    checkRate: present ? metricValue(data, subMetricKey('checks', row.tags), 'rate') : undefined,
    offeredRate: row.offeredRate,
    bound,
    share: rps !== undefined && bound !== undefined ? shareOf(rps, bound) : undefined,
    neededConcurrency: needed,
    inFlight: rps !== undefined && avg !== undefined ? concurrencyFor(rps, avg) : undefined,
  };
}

/**
 * Per stack, walks its segments by rising offered rate and stops at the first that breaks the
 * budget: served below KEEPING_UP of the offered rate, error rate above budget, or p95 above SLO.
 * @param {Row[]} rows
 * @param {Pick<ReportSpec, 'sloP95Ms' | 'maxErrorRate'>} budget
 * @returns {Knee[]}
 */
export function findKnees(rows, budget) {
  /** @type {StackName[]} */
  const stacks = [];
  for (const row of rows) {
    if (!stacks.includes(row.stack)) {
      stacks.push(row.stack);
    }
  }
  return stacks.map((stack) => {
    const steps = rows
      .filter((r) => r.stack === stack && r.offeredRate !== undefined)
      .sort((a, b) => (a.offeredRate ?? 0) - (b.offeredRate ?? 0));
    /** @type {number | undefined} */
    let lastGoodRate;
    for (const step of steps) {
      const reason = brokenBudget(step, budget);
      if (reason !== undefined) {
        return { stack, lastGoodRate, kneeRate: step.offeredRate, reason };
      }
      lastGoodRate = step.offeredRate;
    }
    return { stack, lastGoodRate, kneeRate: undefined, reason: undefined };
  });
}

/**
 * @param {Row} row
 * @param {Pick<ReportSpec, 'sloP95Ms' | 'maxErrorRate'>} budget
 * @returns {string | undefined} why this row is past the knee, or undefined when within budget
 */
function brokenBudget(row, budget) {
  if (!row.present) {
    return 'no requests recorded';
  }
  if (row.share !== undefined && row.share < KEEPING_UP) {
    return `served ${Math.round(row.share * 100)}% of the offered rate`;
  }
  if (budget.maxErrorRate !== undefined && (row.errorRate ?? 0) > budget.maxErrorRate) {
    return `error rate ${((row.errorRate ?? 0) * 100).toFixed(1)}%`;
  }
  if (budget.sloP95Ms !== undefined && row.p95 !== undefined && row.p95 > budget.sloP95Ms) {
    return `p95 ${Math.round(row.p95)} ms over ${budget.sloP95Ms} ms`;
  }
  return undefined;
}

/**
 * Rows for the headline run: one per stack, its measured window only (warm-up excluded).
 * @param {readonly StackName[]} stacks
 * @param {import('./profiles.js').CompareProfile} p
 * @returns {RowSpec[]}
 */
export function compareRows(stacks, p) {
  return stacks.map((stack) => ({
    stack,
    tags: { stack, phase: 'measure' },
    windowSeconds: p.durationSeconds,
    ...(p.model === 'open' ? { offeredRate: p.rate } : { concurrency: p.vus }),
  }));
}

/**
 * Rows for a staged run (ladder, spike): one per stack and labelled segment; ramps are left out.
 * Segments that share a label (and so a rate) are summed into one row.
 * @param {readonly StackName[]} stacks
 * @param {import('./profiles.js').StagedProfile} p
 * @returns {RowSpec[]}
 */
export function stagedRows(stacks, p) {
  /** @type {Map<string, number>} */
  const windows = new Map();
  for (const segment of p.segments) {
    if (segment.label !== RAMP_LABEL) {
      windows.set(segment.label, (windows.get(segment.label) ?? 0) + segment.seconds);
    }
  }
  return stacks.flatMap((stack) =>
    [...windows].map(([segment, seconds]) => ({
      stack,
      segment,
      tags: { stack, segment },
      windowSeconds: seconds,
      offeredRate: p.offered[segment],
    })),
  );
}

/**
 * @param {readonly StackName[]} stacks
 * @param {(stack: StackName) => string} [name]
 * @returns {Partial<Record<StackName, string>>}
 */
export function scenarioNames(stacks, name = (stack) => stack) {
  return Object.fromEntries(stacks.map((stack) => [stack, name(stack)]));
}
