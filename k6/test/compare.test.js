import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { buildComparison, compareRows, findKnees, scenarioNames, stagedRows } from '../lib/compare.js';
import { compareProfile, ladderProfile, simulatorProfile } from '../lib/profiles.js';
import { failedThresholds, metricValue, percentile, resultBasePath, testRunSeconds } from '../lib/summary.js';

/** A k6 handleSummary data object from compare.js: PROFILE=slow, RATE=400, DURATION=60s. */
const DATA = JSON.parse(readFileSync(new URL('./fixtures/compare-slow-summary.json', import.meta.url), 'utf8'));
const STACKS = /** @type {const} */ (['reactive', 'blocking', 'virtual']);
const SIM = simulatorProfile({ PROFILE: 'slow' });

/**
 * @param {readonly import('../lib/targets.js').StackName[]} stacks
 * @param {import('../lib/env.js').Env} [env]
 * @returns {import('../lib/compare.js').ReportSpec}
 */
function compareSpec(stacks, env = {}) {
  return {
    script: 'compare',
    title: 'Overview under 400 req/s, simulator slow',
    model: env.MODEL === 'closed' ? 'closed' : 'open',
    preset: 'slow',
    criticalPathMs: 600,
    rows: compareRows(stacks, compareProfile(env, SIM)),
    scenarios: scenarioNames(stacks),
    sloP95Ms: 1200,
    maxErrorRate: 0.01,
  };
}

describe('summary extraction', () => {
  it('reads values of metrics and tag-filtered sub-metrics', () => {
    assert.equal(metricValue(DATA, 'http_req_duration{stack:reactive,phase:measure}', 'p(95)'), 627.8);
    assert.equal(metricValue(DATA, 'http_reqs', 'count'), 79862);
    assert.equal(metricValue(DATA, 'http_req_duration{stack:nope}', 'p(95)'), undefined);
    assert.equal(metricValue(DATA, 'http_reqs', 'p(95)'), undefined);
    assert.equal(metricValue({ metrics: {} }, 'http_reqs', 'count'), undefined);
  });

  it('falls back to med for p(50)', () => {
    const data = { metrics: { d: { type: 'trend', values: { med: 42, 'p(95)': 90 } } } };
    assert.equal(percentile(data, 'd', 50), 42);
    assert.equal(percentile(data, 'd', 99), undefined);
  });

  it('reads the run duration and the failed thresholds', () => {
    assert.equal(testRunSeconds(DATA), 287.431552);
    assert.equal(testRunSeconds({ metrics: {} }), undefined);
    assert.deepEqual(failedThresholds(DATA), [
      'http_req_duration{stack:blocking,phase:measure}: p(95)<1200',
      'http_req_failed{stack:blocking,phase:measure}: rate<=0.01',
      'checks{stack:blocking,phase:measure}: rate>=0.99',
    ]);
  });

  it('names result files results/<script>-<timestamp>', () => {
    assert.equal(resultBasePath('results/', 'compare', new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678))), 'results/compare-2026-01-02T030405Z');
  });
});

describe('buildComparison, open model', () => {
  const c = buildComparison(DATA, compareSpec(STACKS));
  const [reactive, blocking, virtual] = c.rows;

  it('gives requests/s over the measured window and the share of the offered rate', () => {
    assert.equal(reactive?.requests, 23994);
    assert.equal(reactive?.rps, 23994 / 60);
    assert.equal(reactive?.bound, 400);
    assert.ok(Math.abs((reactive?.share ?? 0) - 0.99975) < 1e-9);
    assert.ok(Math.abs((blocking?.share ?? 0) - 19871 / 60 / 400) < 1e-9);
    assert.ok((blocking?.share ?? 1) < 0.85);
    assert.ok((virtual?.share ?? 0) > 0.99);
  });

  it('takes p50/p95/p99, error and check rates from each stack\'s sub-metrics', () => {
    assert.deepEqual([reactive?.p50, reactive?.p95, reactive?.p99], [608.7, 627.8, 688.1]);
    assert.deepEqual([blocking?.p50, blocking?.p95, blocking?.p99], [5208.4, 8712.9, 9874.2]);
    assert.equal(blocking?.errorRate, 0.0412);
    assert.equal(blocking?.checkRate, 0.9588);
    assert.equal(reactive?.errorRate, 0);
  });

  it('reads each stack\'s share of degraded 200s, undefined when k6 recorded none', () => {
    assert.equal(reactive?.degradedRate, undefined);
    const data = structuredClone(DATA);
    data.metrics['overview_degraded{stack:virtual,phase:measure}'] = { type: 'rate', values: { rate: 0.125, passes: 3, fails: 21 } };
    const rows = buildComparison(data, compareSpec(STACKS)).rows;
    assert.equal(rows[2]?.degradedRate, 0.125);
    assert.equal(rows[0]?.degradedRate, undefined);
  });

  it('applies Little\'s law: needed concurrency from the offer, carried concurrency from the measure', () => {
    assert.equal(reactive?.neededConcurrency, 240);
    assert.ok(Math.abs((reactive?.inFlight ?? 0) - (23994 / 60) * 0.6124) < 1e-9);
    // Blocking carried far more in flight than the 200 threads serve: the rest waited in queues.
    assert.ok((blocking?.inFlight ?? 0) > 1500);
  });

  it('reports dropped iterations per stack, zero when k6 recorded none', () => {
    assert.deepEqual(c.dropped, { reactive: 0, blocking: 3917, virtual: 0 });
    assert.equal(c.droppedTotal, 3917);
  });

  it('describes the run', () => {
    assert.equal(c.model, 'open');
    assert.equal(c.criticalPathMs, 600);
    assert.equal(c.testRunSeconds, 287.431552);
    assert.deepEqual(c.knees, []);
  });
});

describe('buildComparison, edge cases', () => {
  it('marks a stack with no recorded requests as absent', () => {
    const c = buildComparison({ metrics: {} }, compareSpec(['reactive']));
    const row = c.rows[0];
    assert.equal(row?.present, false);
    assert.equal(row?.requests, 0);
    assert.equal(row?.rps, 0);
    assert.equal(row?.share, 0);
    assert.equal(row?.p95, undefined);
    assert.equal(row?.errorRate, undefined);
    assert.equal(row?.inFlight, undefined);
    assert.equal(c.droppedTotal, 0);
  });

  it('keeps the present stacks when one is missing from the summary', () => {
    const data = structuredClone(DATA);
    for (const key of Object.keys(data.metrics)) {
      if (key.includes('stack:virtual')) {
        delete data.metrics[key];
      }
    }
    const c = buildComparison(data, compareSpec(STACKS));
    assert.deepEqual(
      c.rows.map((r) => r.present),
      [true, true, false],
    );
  });

  it('handles a zero count and a zero-length window', () => {
    const data = { metrics: { 'http_reqs{stack:reactive,phase:measure}': { type: 'counter', values: { count: 0, rate: 0 } } } };
    const spec = compareSpec(['reactive']);
    spec.rows = spec.rows.map((r) => ({ ...r, windowSeconds: 0 }));
    const row = buildComparison(data, spec).rows[0];
    assert.equal(row?.present, false);
    assert.equal(row?.rps, undefined);
    assert.equal(row?.share, undefined);
  });

  it('bounds a closed model at VUs / critical path', () => {
    const c = buildComparison(DATA, compareSpec(['reactive'], { MODEL: 'closed', VUS: '300' }));
    const row = c.rows[0];
    assert.equal(c.model, 'closed');
    assert.equal(row?.bound, 500); // 300 VUs / 0.6 s
    assert.ok(Math.abs((row?.share ?? 0) - 23994 / 60 / 500) < 1e-9);
    assert.equal(row?.neededConcurrency, 300);
  });
});

describe('staged runs and the knee', () => {
  const plan = ladderProfile({ STEPS: '200,300,400', STEP_HOLD: '20s' }, SIM);

  it('has one row per stack and held step, ramps left out', () => {
    const rows = stagedRows(['reactive', 'blocking'], plan);
    assert.deepEqual(
      rows.map((r) => `${r.stack}@${r.segment}`),
      ['reactive@200', 'reactive@300', 'reactive@400', 'blocking@200', 'blocking@300', 'blocking@400'],
    );
    assert.deepEqual(rows[1]?.tags, { stack: 'reactive', segment: '300' });
    assert.equal(rows[1]?.windowSeconds, 20);
    assert.equal(rows[1]?.offeredRate, 300);
  });

  it('finds the first step a stack did not keep up with', () => {
    /** @type {Record<string, import('../lib/summary.js').SummaryMetric>} */
    const metrics = {};
    /** @param {string} stack @param {number} step @param {number} count @param {number} p95 @param {number} fail */
    const put = (stack, step, count, p95, fail) => {
      const sel = `{stack:${stack},segment:${step}}`;
      metrics[`http_reqs${sel}`] = { type: 'counter', values: { count, rate: 0 } };
      metrics[`http_req_duration${sel}`] = { type: 'trend', values: { avg: p95 * 0.9, 'p(50)': p95 * 0.9, 'p(95)': p95, 'p(99)': p95 * 1.1 } };
      metrics[`http_req_failed${sel}`] = { type: 'rate', values: { rate: fail } };
    };
    put('reactive', 200, 4000, 640, 0);
    put('reactive', 300, 6000, 650, 0);
    put('reactive', 400, 7990, 700, 0);
    put('blocking', 200, 4000, 640, 0);
    put('blocking', 300, 5990, 1100, 0);
    put('blocking', 400, 6660, 4000, 0);
    const c = buildComparison({ metrics }, { ...compareSpec([]), script: 'ladder', rows: stagedRows(['reactive', 'blocking'], plan), sloP95Ms: 1200 });
    assert.deepEqual(c.knees, [
      { stack: 'reactive', lastGoodRate: 400, kneeRate: undefined, reason: undefined },
      { stack: 'blocking', lastGoodRate: 300, kneeRate: 400, reason: 'served 83% of the offered rate' },
    ]);
  });

  it('calls latency or errors over budget a knee too', () => {
    /** @type {import('../lib/compare.js').Row} */
    const base = {
      stack: 'virtual', segment: '100', present: true, requests: 2000, rps: 100, p50: 600, p95: 650, p99: 700, avg: 610,
      errorRate: 0, checkRate: 1, offeredRate: 100, bound: 100, share: 1, neededConcurrency: 60, inFlight: 61,
    };
    const rows = [
      base,
      { ...base, segment: '200', offeredRate: 200, p95: 1500 },
      { ...base, segment: '300', offeredRate: 300, errorRate: 0.2 },
    ];
    assert.equal(findKnees(rows, { sloP95Ms: 1200, maxErrorRate: 0.01 })[0]?.reason, 'p95 1500 ms over 1200 ms');
    assert.equal(findKnees([base, rows[2] ?? base], { maxErrorRate: 0.01 })[0]?.reason, 'error rate 20.0%');
    assert.equal(findKnees([{ ...base, present: false }], {})[0]?.lastGoodRate, undefined);
  });
});
