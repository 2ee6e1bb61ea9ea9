// Renders a Comparison as Markdown: one table, a row per stack (or per stack and segment).
// PURE: no k6 import.
import { HEAP_USED_GAUGE, LIVE_DATA_GAUGE } from './prometheus.js';
import { metricValue } from './summary.js';
import { subMetricKey } from './thresholds.js';

/** @typedef {import('./compare.js').Comparison} Comparison */
/** @typedef {import('./compare.js').Row} Row */

const MISSING = '—';

/**
 * @param {number | undefined} ms
 * @returns {string}
 */
export function formatMs(ms) {
  if (ms === undefined) {
    return MISSING;
  }
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
}

/**
 * @param {number | undefined} ratio
 * @param {number} [digits]
 * @returns {string}
 */
export function formatPercent(ratio, digits = 1) {
  return ratio === undefined ? MISSING : `${(ratio * 100).toFixed(digits)}%`;
}

/**
 * @param {number | undefined} value
 * @param {number} [digits]
 * @returns {string}
 */
export function formatNumber(value, digits = 0) {
  return value === undefined ? MISSING : value.toFixed(digits);
}

/**
 * A Markdown table; pipes inside cells are escaped.
 * @param {readonly string[]} headers
 * @param {readonly (readonly string[])[]} rows
 * @returns {string}
 */
export function renderTable(headers, rows) {
  /** @param {readonly string[]} cells */
  const line = (cells) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  const align = headers.map((_, i) => (i === 0 ? '---' : '---:'));
  return [line(headers), `|${align.join('|')}|`, ...rows.map(line)].join('\n');
}

/**
 * @param {Comparison} c
 * @returns {string}
 */
export function renderComparison(c) {
  const segmented = c.rows.some((r) => r.segment !== undefined);
  const boundHeader = c.model === 'open' ? 'offered/s' : 'bound/s';
  const headers = [
    'stack',
    ...(segmented ? ['segment'] : []),
    'req/s',
    boundHeader,
    'of bound',
    'p50',
    'p95',
    'p99',
    'errors',
    'degraded',
    'checks',
    'in flight',
    ...(segmented ? [] : ['dropped']),
  ];
  const rows = c.rows.map((r) => [
    r.stack,
    ...(segmented ? [r.segment ?? MISSING] : []),
    r.present ? formatNumber(r.rps, 1) : 'no data',
    formatNumber(r.bound, 0),
    r.present ? formatPercent(r.share) : MISSING,
    formatMs(r.p50),
    formatMs(r.p95),
    formatMs(r.p99),
    formatPercent(r.errorRate, 2),
    formatPercent(r.degradedRate, 2),
    formatPercent(r.checkRate, 2),
    formatNumber(r.inFlight, 0),
    ...(segmented ? [] : [r.present || c.dropped[r.stack] ? formatNumber(c.dropped[r.stack] ?? 0) : MISSING]),
  ]);
  const lines = [`## ${c.title}`, '', describeRun(c), '', renderTable(headers, rows), ''];
  if (segmented && Object.keys(c.dropped).length > 0) {
    const parts = Object.entries(c.dropped).map(([stack, n]) => `${stack} ${n ?? 0}`);
    lines.push(`Dropped iterations: ${parts.join(', ')}.`, '');
  }
  if (c.knees.length > 0) {
    lines.push(renderKnees(c), '');
  }
  const absent = c.rows.filter((r) => !r.present && r.segment === undefined).map((r) => r.stack);
  if (absent.length > 0) {
    lines.push(`No requests recorded for: ${absent.join(', ')} (not selected, not reachable, or aborted before its turn).`, '');
  }
  lines.push(legend(c));
  return `${lines.join('\n')}\n`;
}

/**
 * @param {Comparison} c
 * @returns {string}
 */
function describeRun(c) {
  if (c.description !== undefined) {
    return c.description;
  }
  const model =
    c.model === 'open'
      ? 'open model (arrival rate fixed by k6, whatever the latency)'
      : 'closed model (fixed VUs looping without think time)';
  const run = c.testRunSeconds === undefined ? '' : `, whole run ${Math.round(c.testRunSeconds)} s`;
  return `Simulator preset \`${c.preset}\` (overview critical path ${c.criticalPathMs} ms), ${model}${run}; stacks driven one after another, warm-up excluded.`;
}

/**
 * @param {Comparison} c
 * @returns {string}
 */
function renderKnees(c) {
  const rows = c.knees.map((k) => [
    k.stack,
    k.lastGoodRate === undefined ? 'none' : `${k.lastGoodRate}/s`,
    k.kneeRate === undefined ? 'not reached' : `${k.kneeRate}/s`,
    k.reason ?? MISSING,
  ]);
  return `### Knee\n\n${renderTable(['stack', 'last rate within budget', 'knee', 'why'], rows)}`;
}

/**
 * @param {Comparison} c
 * @returns {string}
 */
function legend(c) {
  const bound =
    c.model === 'open'
      ? '*of bound*: achieved req/s / offered req/s (an open model cannot serve more than it is offered)'
      : `*of bound*: achieved req/s / (VUs / ${c.criticalPathMs} ms), the Little's-law ceiling for that many clients`;
  return [
    `*req/s*: requests / measured window. ${bound}.`,
    "*in flight*: req/s x mean latency, the concurrency the stack carried (Little's law).",
    '*degraded*: share of the 200 answers whose `degraded` is non-empty (fallbacks served as successes).',
    '*dropped*: iterations k6 could not start because every VU was busy: the stack was too slow for the VUs sized from Little\'s law, or the load generator was out of CPU.',
  ].join('  \n');
}

/**
 * @param {number | undefined} bytes
 * @returns {string}
 */
export function formatMiB(bytes) {
  return bytes === undefined ? MISSING : `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/**
 * The soak's memory table, from the gauges lab_heap_used_bytes / lab_gc_live_data_bytes
 * tagged { stack, moment }.
 * @param {import('./summary.js').SummaryData} data
 * @param {readonly string[]} stacks
 * @returns {string}
 */
export function renderHeap(data, stacks) {
  /** @param {string} metric @param {string} stack @param {string} moment */
  const read = (metric, stack, moment) => metricValue(data, subMetricKey(metric, { stack, moment }), 'value');
  /** @param {number | undefined} a @param {number | undefined} b */
  const change = (a, b) => (a === undefined || b === undefined ? MISSING : `${b >= a ? '+' : ''}${formatMiB(b - a)}`);
  const rows = stacks.map((stack) => {
    const heap = [read(HEAP_USED_GAUGE, stack, 'start'), read(HEAP_USED_GAUGE, stack, 'end')];
    const live = [read(LIVE_DATA_GAUGE, stack, 'start'), read(LIVE_DATA_GAUGE, stack, 'end')];
    return [stack, formatMiB(heap[0]), formatMiB(heap[1]), change(heap[0], heap[1]), formatMiB(live[0]), formatMiB(live[1]), change(live[0], live[1])];
  });
  return [
    '### Memory (from each stack\'s /actuator/prometheus)',
    '',
    renderTable(['stack', 'heap used, start', 'heap used, end', 'change', 'live data after GC, start', 'end', 'change'], rows),
    '',
    'Heap used saw-tooths with every collection; a steady climb of live data after GC is what a leak looks like. Compare memory across stacks only with the same fixed -Xmx.',
    '',
  ].join('\n');
}
