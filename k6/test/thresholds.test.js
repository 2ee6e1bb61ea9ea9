import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { mergeThresholds, reportThresholds, subMetricKey, SUMMARY_TREND_STATS } from '../lib/thresholds.js';

/** @type {import('../lib/compare.js').ReportSpec} */
const SPEC = {
  script: 'compare',
  title: 't',
  model: 'open',
  preset: 'slow',
  criticalPathMs: 600,
  rows: [
    { stack: 'reactive', tags: { stack: 'reactive', phase: 'measure' }, windowSeconds: 60, offeredRate: 400 },
    { stack: 'blocking', tags: { stack: 'blocking', phase: 'measure' }, windowSeconds: 60, offeredRate: 400 },
  ],
  scenarios: { reactive: 'reactive', blocking: 'blocking' },
};

describe('subMetricKey', () => {
  it('writes the name k6 gives a tag-filtered sub-metric', () => {
    assert.equal(subMetricKey('http_req_duration', { stack: 'reactive' }), 'http_req_duration{stack:reactive}');
    assert.equal(subMetricKey('http_reqs', { stack: 'virtual', phase: 'measure' }), 'http_reqs{stack:virtual,phase:measure}');
    assert.equal(subMetricKey('checks', {}), 'checks');
  });
});

describe('reportThresholds', () => {
  it('puts an SLO on each stack\'s measured requests', () => {
    const t = reportThresholds(SPEC, { p95Ms: 1200, maxErrorRate: 0.01 });
    assert.deepEqual(t['http_req_duration{stack:reactive,phase:measure}'], ['p(95)<1200']);
    assert.deepEqual(t['http_req_failed{stack:blocking,phase:measure}'], ['rate<=0.01']);
    assert.deepEqual(t['checks{stack:blocking,phase:measure}'], ['rate>=0.99']);
    assert.deepEqual(t['http_reqs{stack:reactive,phase:measure}'], ['count>=0']);
    assert.deepEqual(t['dropped_iterations{scenario:blocking}'], ['count>=0']);
    assert.deepEqual(t['overview_degraded{stack:reactive,phase:measure}'], ['rate>=0']);
  });

  it('only exposes the sub-metrics without an SLO', () => {
    const t = reportThresholds(SPEC);
    assert.deepEqual(t['http_req_duration{stack:reactive,phase:measure}'], ['max>=0']);
    assert.deepEqual(t['http_req_failed{stack:reactive,phase:measure}'], ['rate>=0']);
  });

  it('can demand zero errors without demanding the impossible', () => {
    const t = reportThresholds(SPEC, { maxErrorRate: 0 });
    assert.deepEqual(t['http_req_failed{stack:reactive,phase:measure}'], ['rate<=0']);
    assert.deepEqual(t['checks{stack:reactive,phase:measure}'], ['rate>=1']);
    assert.deepEqual(t['http_req_duration{stack:reactive,phase:measure}'], ['max>=0']);
  });

  it('asks k6 for the percentiles the report reads', () => {
    for (const stat of ['p(50)', 'p(95)', 'p(99)', 'avg']) {
      assert.ok(SUMMARY_TREND_STATS.includes(stat), stat);
    }
  });
});

describe('mergeThresholds', () => {
  it('concatenates the lists of the same metric', () => {
    const abort = { threshold: 'rate<0.05', abortOnFail: true };
    assert.deepEqual(mergeThresholds({ a: ['x'] }, { a: [abort], b: ['y'] }), { a: ['x', abort], b: ['y'] });
  });
});
