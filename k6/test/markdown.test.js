import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { buildComparison, compareRows, scenarioNames, stagedRows } from '../lib/compare.js';
import { formatMs, formatPercent, renderComparison, renderHeap, renderTable } from '../lib/markdown.js';
import { compareProfile, simulatorProfile, spikeProfile } from '../lib/profiles.js';

const DATA = JSON.parse(readFileSync(new URL('./fixtures/compare-slow-summary.json', import.meta.url), 'utf8'));
const SIM = simulatorProfile({ PROFILE: 'slow' });
const STACKS = /** @type {const} */ (['reactive', 'blocking', 'virtual']);

/** @type {import('../lib/compare.js').ReportSpec} */
const SPEC = {
  script: 'compare',
  title: 'Overview under 400 req/s, simulator slow',
  model: 'open',
  preset: 'slow',
  criticalPathMs: 600,
  rows: compareRows(STACKS, compareProfile({}, SIM)),
  scenarios: scenarioNames(STACKS),
};

describe('formatting', () => {
  it('writes milliseconds, seconds and percentages readably', () => {
    assert.equal(formatMs(627.8), '628 ms');
    assert.equal(formatMs(4.25), '4.3 ms');
    assert.equal(formatMs(8712.9), '8.71 s');
    assert.equal(formatMs(undefined), '—');
    assert.equal(formatPercent(0.0412, 2), '4.12%');
    assert.equal(formatPercent(undefined), '—');
  });

  it('renders a Markdown table, escaping pipes', () => {
    assert.equal(renderTable(['a', 'b'], [['1', 'x|y']]), '| a | b |\n|---|---:|\n| 1 | x\\|y |');
  });
});

describe('renderComparison', () => {
  const md = renderComparison(buildComparison(DATA, SPEC));
  const lines = md.split('\n');

  it('has a title, the run description and one row per stack', () => {
    assert.equal(lines[0], '## Overview under 400 req/s, simulator slow');
    assert.match(md, /Simulator preset `slow` \(overview critical path 600 ms\), open model/);
    assert.ok(lines.includes('| stack | req/s | offered/s | of bound | p50 | p95 | p99 | errors | degraded | checks | in flight | dropped |'));
    assert.ok(lines.includes('| reactive | 399.9 | 400 | 100.0% | 609 ms | 628 ms | 688 ms | 0.00% | — | 100.00% | 245 | 0 |'), md);
    assert.ok(lines.includes('| blocking | 331.2 | 400 | 82.8% | 5.21 s | 8.71 s | 9.87 s | 4.12% | — | 95.88% | 1595 | 3917 |'), md);
    assert.ok(lines.some((l) => l.startsWith('| virtual | 399.8 | 400 | 100.0% |')), md);
  });

  it('shows each stack\'s share of degraded 200s next to its errors', () => {
    const data = structuredClone(DATA);
    data.metrics['overview_degraded{stack:reactive,phase:measure}'] = { type: 'rate', values: { rate: 0, passes: 0, fails: 23994 } };
    data.metrics['overview_degraded{stack:blocking,phase:measure}'] = { type: 'rate', values: { rate: 0.25, passes: 4000, fails: 12000 } };
    const withDegraded = renderComparison(buildComparison(data, SPEC)).split('\n');
    assert.ok(withDegraded.some((l) => l.startsWith('| reactive | 399.9 | 400 | 100.0% | 609 ms | 628 ms | 688 ms | 0.00% | 0.00% | 100.00% |')), withDegraded.join('\n'));
    assert.ok(withDegraded.some((l) => l.startsWith('| blocking | 331.2 | 400 | 82.8% | 5.21 s | 8.71 s | 9.87 s | 4.12% | 25.00% | 95.88% |')), withDegraded.join('\n'));
    assert.match(md, /\*degraded\*: share of the 200 answers whose `degraded` is non-empty/);
  });

  it('explains its columns', () => {
    assert.match(md, /\*of bound\*: achieved req\/s \/ offered req\/s/);
    assert.match(md, /\*in flight\*: req\/s x mean latency/);
    assert.match(md, /\*dropped\*: iterations k6 could not start/);
  });

  it('says which stacks recorded nothing', () => {
    const empty = renderComparison(buildComparison({ metrics: {} }, SPEC));
    assert.match(empty, /\| reactive \| no data \| 400 \| — \| — \| — \| — \| — \| — \| — \| — \| — \|/);
    assert.match(empty, /No requests recorded for: reactive, blocking, virtual/);
  });

  it('states the closed-model bound', () => {
    const closed = renderComparison(buildComparison(DATA, { ...SPEC, model: 'closed', rows: compareRows(['reactive'], compareProfile({ MODEL: 'closed', VUS: '300' }, SIM)) }));
    assert.match(closed, /\| stack \| req\/s \| bound\/s \|/);
    assert.match(closed, /\| reactive \| 399\.9 \| 500 \| 80\.0% \|/);
    assert.match(closed, /VUs \/ 600 ms/);
  });

  it('renders staged runs with a segment column, dropped iterations and knees', () => {
    const plan = spikeProfile({}, SIM);
    const md2 = renderComparison(buildComparison(DATA, { ...SPEC, rows: stagedRows(['blocking'], plan), scenarios: { blocking: 'blocking' } }));
    assert.match(md2, /\| stack \| segment \| req\/s \|/);
    assert.match(md2, /\| blocking \| spike \| no data \| 1000 \|/);
    assert.match(md2, /Dropped iterations: blocking 3917\./);
    assert.match(md2, /### Knee/);
  });
});

describe('renderHeap', () => {
  it('shows heap and live data at start and end per stack', () => {
    const data = {
      metrics: {
        'lab_heap_used_bytes{stack:virtual,moment:start}': { type: 'gauge', values: { value: 100 * 1048576, min: 0, max: 0 } },
        'lab_heap_used_bytes{stack:virtual,moment:end}': { type: 'gauge', values: { value: 150 * 1048576, min: 0, max: 0 } },
        'lab_gc_live_data_bytes{stack:virtual,moment:start}': { type: 'gauge', values: { value: 40 * 1048576, min: 0, max: 0 } },
      },
    };
    const md = renderHeap(data, ['virtual', 'reactive']);
    assert.match(md, /\| virtual \| 100\.0 MiB \| 150\.0 MiB \| \+50\.0 MiB \| 40\.0 MiB \| — \| — \|/);
    assert.match(md, /\| reactive \| — \| — \| — \| — \| — \| — \|/);
  });
});

describe('a run description given by the script', () => {
  it('replaces the generated one', () => {
    const md = renderComparison(buildComparison({ metrics: {} }, { ...SPEC, description: 'Smoke run.' }));
    assert.equal(md.split('\n')[2], 'Smoke run.');
  });
});
