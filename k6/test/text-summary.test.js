import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { formatValue, textSummary } from '../lib/text-summary.js';

describe('text summary (written here, no jslib.k6.io)', () => {
  const data = {
    metrics: {
      http_req_duration: { type: 'trend', contains: 'time', values: { avg: 612.5, 'p(95)': 1480.2 }, thresholds: { 'max>=0': { ok: true } } },
      'http_req_duration{stack:reactive,phase:measure}': { type: 'trend', contains: 'time', values: { avg: 600 } },
      http_req_failed: { type: 'rate', values: { rate: 0.25, passes: 1, fails: 3 }, thresholds: { 'rate<0.01': { ok: false } } },
      http_reqs: { type: 'counter', values: { count: 24000, rate: 400 } },
      vus: { type: 'gauge', values: { value: 3, min: 0, max: 960 } },
      data_received: { type: 'counter', contains: 'data', values: { count: 2_500_000, rate: 41666 } },
    },
    options: { summaryTrendStats: ['avg', 'p(95)'] },
    state: { testRunDurationMs: 61000 },
  };
  const text = textSummary(data, { indent: ' ' });

  it('prints every top-level metric once, sub-metrics left to the comparison table', () => {
    assert.match(text, /k6 metrics in 61\.0 s:/);
    assert.match(text, /http_req_duration\.+: avg=612\.50ms p\(95\)=1\.48s/);
    assert.match(text, /http_reqs\.+: 24000 \(400\/s\)/);
    assert.match(text, /vus\.+: 3 min=0 max=960/);
    assert.match(text, /data_received\.+: 2\.5 MB/);
    assert.doesNotMatch(text, /stack:reactive/);
  });

  it('marks passed and failed thresholds', () => {
    assert.match(text, /✓ http_req_duration/);
    assert.match(text, /✗ http_req_failed\.+: 25\.00% \(1 of 4\)/);
    assert.match(text, / {2}http_reqs/);
  });

  it('formats plain numbers without float noise', () => {
    assert.equal(formatValue(0.1 + 0.2, 'default'), '0.3');
    assert.equal(formatValue(12, undefined), '12');
  });
});
