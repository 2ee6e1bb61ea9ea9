import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { compareProfile, compareScenarios, ladderProfile, simulatorProfile, stagedScenarios } from '../lib/profiles.js';
import { isLeader, parseFraction, runnerOf, runnerReport, scaleCount, scaleRate, scenarioShare, WHOLE_TEST } from '../lib/segments.js';

/**
 * The runners the k6 operator starts for `parallelism: n`: segment i/n:(i+1)/n in 0,1/n,...,1.
 * @param {number} n
 */
function operatorRunners(n) {
  const cut = (/** @type {number} */ i) => (i === 0 ? '0' : i === n ? '1' : `${i}/${n}`);
  const sequence = Array.from({ length: n + 1 }, (_, i) => cut(i)).join(',');
  return Array.from({ length: n }, (_, i) => runnerOf(`${cut(i)}:${cut(i + 1)}`, sequence));
}

/** @param {number[]} xs */
const sum = (xs) => xs.reduce((a, b) => a + b, 0);

describe('runnerOf', () => {
  it('reads fractions, decimals and percentages as k6 does', () => {
    assert.deepEqual(parseFraction('2/8'), { num: 1, den: 4 });
    assert.deepEqual(parseFraction('0.25'), { num: 1, den: 4 });
    assert.deepEqual(parseFraction('25%'), { num: 1, den: 4 });
    assert.throws(() => parseFraction('5/4'), /between 0 and 1/);
  });

  it('is the whole test without a segment', () => {
    assert.equal(runnerOf(null, null).count, 1);
    assert.equal(runnerOf(undefined, '0,1/2,1').count, 1);
    assert.equal(scaleCount(WHOLE_TEST, 37), 37);
    assert.equal(scaleRate(WHOLE_TEST, 400), 400);
  });

  it('finds its place in the operator sequence', () => {
    const runners = operatorRunners(4);
    assert.deepEqual(
      runners.map((r) => [r.index, r.count, r.segment, r.share]),
      [
        [0, 4, '0:1/4', 0.25],
        [1, 4, '1/4:1/2', 0.25],
        [2, 4, '1/2:3/4', 0.25],
        [3, 4, '3/4:1', 0.25],
      ],
    );
    assert.deepEqual(runners.map(isLeader), [true, false, false, false]);
    assert.throws(() => runnerOf('0:1/3', '0,1/4,1'), /not in the sequence/);
  });

  it('fills the sequence around a lone segment', () => {
    const r = runnerOf('1/4:1/2', null);
    assert.equal(r.count, 3);
    assert.equal(r.index, 1);
  });
});

describe('scaleCount: whole numbers split as k6 stripes them', () => {
  it('matches the table in k6 lib/execution_segment.go for 0:1/2, 1/2:3/4, 3/4:1', () => {
    const sequence = '0,1/2,3/4,1';
    const parts = ['0:1/2', '1/2:3/4', '3/4:1'].map((s) => runnerOf(s, sequence));
    const values = Array.from({ length: 12 }, (_, i) => i + 1);
    assert.deepEqual(
      parts.map((r) => values.map((v) => scaleCount(r, v))),
      [
        [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6],
        [0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3],
        [0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3],
      ],
    );
  });

  it('adds up to the total for every parallelism and value, each part within one of the others', () => {
    for (let n = 1; n <= 12; n++) {
      const runners = operatorRunners(n);
      for (let value = 0; value <= 500; value++) {
        const parts = runners.map((r) => scaleCount(r, value));
        assert.equal(sum(parts), value, `n=${n} value=${value}: ${parts.join('+')}`);
        assert.ok(Math.max(...parts) - Math.min(...parts) <= 1, `n=${n} value=${value}: ${parts.join(',')}`);
      }
    }
  });

  it('adds up on uneven sequences too', () => {
    const sequence = '0,1/3,1/2,0.8,1';
    const runners = ['0:1/3', '1/3:1/2', '1/2:0.8', '0.8:1'].map((s) => runnerOf(s, sequence));
    for (let value = 0; value <= 300; value++) {
      assert.equal(sum(runners.map((r) => scaleCount(r, value))), value);
    }
  });
});

describe('N runners run the requested load between them', () => {
  const env = { RATE: '1000', PROFILE: 'slow' };
  const sim = simulatorProfile(env, 'slow');

  for (const n of [1, 2, 3, 4, 7, 10]) {
    it(`compare, open model, parallelism ${n}: rates and VU pools add up per scenario`, () => {
      const scenarios = compareScenarios(['reactive', 'blocking', 'virtual'], compareProfile(env, sim), 'fanOut');
      const runners = operatorRunners(n);
      for (const [name, scenario] of Object.entries(scenarios)) {
        const shares = runners.map((r) => scenarioShare(r, scenario));
        assert.ok(Math.abs(sum(shares.map((s) => s.rate ?? 0)) - (scenario.rate ?? 0)) < 1e-9, name);
        assert.equal(sum(shares.map((s) => s.preAllocatedVUs ?? 0)), scenario.preAllocatedVUs, name);
        assert.equal(sum(shares.map((s) => s.maxVUs ?? 0)), scenario.maxVUs, name);
        // every runner still has VUs for its share: rate x critical path, as on one machine
        for (const s of shares) {
          assert.ok((s.maxVUs ?? 0) >= ((s.rate ?? 0) * sim.criticalPathMs) / 1000, `${name}: ${JSON.stringify(s)}`);
        }
      }
    });
  }

  it('compare, closed model: the VUs add up', () => {
    const closed = compareProfile({ ...env, MODEL: 'closed', VUS: '1001' }, sim);
    const measured = compareScenarios(['reactive'], closed, 'fanOut').reactive;
    assert.ok(measured !== undefined);
    assert.equal(sum(operatorRunners(4).map((r) => scenarioShare(r, measured).vus ?? 0)), 1001);
  });

  it('ladder: every stage target adds up', () => {
    const plan = ladderProfile({ PROFILE: 'slow' }, sim);
    const scenario = stagedScenarios(['virtual'], plan, 'climb').virtual;
    assert.ok(scenario?.stages !== undefined);
    const shares = operatorRunners(3).map((r) => scenarioShare(r, scenario));
    scenario.stages.forEach((stage, i) => {
      assert.ok(Math.abs(sum(shares.map((s) => s.stages?.[i]?.target ?? 0)) - stage.target) < 1e-9, `stage ${i}`);
    });
    assert.equal(sum(shares.map((s) => s.maxVUs ?? 0)), scenario.maxVUs);
  });
});

describe('runnerReport', () => {
  /** @type {import('../lib/compare.js').ReportSpec} */
  const spec = {
    script: 'compare',
    title: 'Overview under 1000 req/s',
    model: 'open',
    preset: 'slow',
    criticalPathMs: 600,
    rows: [
      { stack: 'reactive', tags: {}, windowSeconds: 60, offeredRate: 1000 },
      { stack: 'blocking', tags: {}, windowSeconds: 60, concurrency: 301 },
    ],
    scenarios: { reactive: 'reactive' },
  };

  it('leaves a run on one k6 as it was', () => {
    assert.equal(runnerReport(spec, WHOLE_TEST), spec);
  });

  it("gives each runner its share of the offered rate and of the VUs, and its own file name", () => {
    const reports = operatorRunners(4).map((r) => runnerReport(spec, r));
    assert.deepEqual(
      reports.map((r) => r.rows[0]?.offeredRate),
      [250, 250, 250, 250],
    );
    assert.equal(sum(reports.map((r) => r.rows[1]?.concurrency ?? 0)), 301);
    assert.equal(reports[1]?.script, 'compare-runner2of4');
    assert.match(reports[1]?.title ?? '', /runner 2 of 4 \(segment 1\/4:1\/2\)$/);
  });
});
