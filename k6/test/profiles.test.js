import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { parseDuration } from '../lib/env.js';
import {
  compareProfile,
  compareScenarios,
  ladderProfile,
  segmentAt,
  simulatorProfile,
  sloFor,
  spikeProfile,
  stackOfScenario,
  stagedScenarios,
  totalSeconds,
} from '../lib/profiles.js';

const STACKS = /** @type {const} */ (['reactive', 'blocking', 'virtual']);

/**
 * The time each scenario may hold the machine: from its start to the end of its gracefulStop.
 * @param {Record<string, any>} scenarios
 */
function windows(scenarios) {
  return Object.entries(scenarios).map(([name, s]) => {
    const start = parseDuration(s.startTime);
    const length = s.duration ? parseDuration(s.duration) : s.stages.reduce((t, st) => t + parseDuration(st.duration), 0);
    return { name, stack: s.tags.stack, start, end: start + length + parseDuration(s.gracefulStop) };
  });
}

describe('simulatorProfile', () => {
  it('knows the critical path of each preset', () => {
    assert.deepEqual(simulatorProfile({}), { preset: 'slow', criticalPathMs: 600 });
    assert.deepEqual(simulatorProfile({ PROFILE: 'FAST' }), { preset: 'fast', criticalPathMs: 120 });
    assert.deepEqual(simulatorProfile({}, 'fast'), { preset: 'fast', criticalPathMs: 120 });
    assert.equal(simulatorProfile({ PROFILE: 'slow', CRITICAL_PATH_MS: '650' }).criticalPathMs, 650);
    assert.throws(() => simulatorProfile({ PROFILE: 'custom' }), /fast or slow/);
  });

  it('derives the SLO from the critical path unless told', () => {
    assert.deepEqual(sloFor({}, simulatorProfile({})), { p95Ms: 1200, maxErrorRate: 0.01 });
    assert.deepEqual(sloFor({ SLO_P95_MS: '800', MAX_ERROR_RATE: '0.001' }, simulatorProfile({})), { p95Ms: 800, maxErrorRate: 0.001 });
  });
});

describe('compare scenarios', () => {
  const sim = simulatorProfile({ PROFILE: 'slow' });
  const profile = compareProfile({}, sim);
  const scenarios = compareScenarios(STACKS, profile, 'fanOut');

  it('sizes VUs from Little\'s law: 400/s x 0.6 s = 240 in flight', () => {
    assert.equal(profile.rate, 400);
    assert.equal(profile.sizing.preAllocatedVUs, 360);
    assert.equal(profile.sizing.maxVUs, 960);
    assert.equal(compareProfile({ MAX_VUS: '500' }, sim).sizing.maxVUs, 500);
    assert.equal(compareProfile({ MAX_VUS: '100' }, sim).sizing.preAllocatedVUs, 100);
  });

  it('gives each stack a warm-up then a measured window, tagged', () => {
    assert.deepEqual(Object.keys(scenarios), ['reactive_warmup', 'reactive', 'blocking_warmup', 'blocking', 'virtual_warmup', 'virtual']);
    const reactive = scenarios.reactive;
    assert.equal(reactive?.executor, 'constant-arrival-rate');
    assert.equal(reactive?.rate, 400);
    assert.equal(reactive?.duration, '60s');
    assert.equal(reactive?.startTime, '25s');
    assert.deepEqual(reactive?.tags, { stack: 'reactive', phase: 'measure' });
    assert.deepEqual(scenarios.blocking_warmup?.tags, { stack: 'blocking', phase: 'warmup' });
    assert.equal(scenarios.blocking_warmup?.rate, 200);
    assert.equal(scenarios.virtual?.exec, 'fanOut');
  });

  it('never runs two stacks at the same time, graceful stops included', () => {
    const w = windows(scenarios);
    for (const a of w) {
      for (const b of w) {
        if (a.stack !== b.stack) {
          assert.ok(a.end <= b.start || b.end <= a.start, `${a.name} [${a.start}, ${a.end}] overlaps ${b.name} [${b.start}, ${b.end}]`);
        }
      }
    }
  });

  it('runs a closed model with constant VUs when MODEL=closed', () => {
    const closed = compareScenarios(['virtual'], compareProfile({ MODEL: 'closed', VUS: '1000' }, sim), 'fanOut');
    assert.equal(closed.virtual?.executor, 'constant-vus');
    assert.equal(closed.virtual?.vus, 1000);
    assert.throws(() => compareProfile({ MODEL: 'half-open' }, sim), /open or closed/);
  });

  it('drops the warm-up when WARMUP=0', () => {
    const none = compareScenarios(['reactive'], compareProfile({ WARMUP: '0' }, sim), 'fanOut');
    assert.deepEqual(Object.keys(none), ['reactive']);
    assert.equal(none.reactive?.startTime, '0s');
  });
});

describe('ladder and spike', () => {
  const sim = simulatorProfile({ PROFILE: 'slow' });

  it('climbs the steps, each ramped then held, one stack after another', () => {
    const plan = ladderProfile({ STEPS: '100,300', STEP_RAMP: '5s', STEP_HOLD: '20s' }, sim);
    assert.deepEqual(plan.stages, [
      { target: 100, duration: '5s' },
      { target: 100, duration: '20s' },
      { target: 300, duration: '5s' },
      { target: 300, duration: '20s' },
    ]);
    assert.deepEqual(plan.offered, { 100: 100, 300: 300 });
    assert.equal(totalSeconds(plan.segments), 50);
    assert.equal(plan.sizing.maxVUs, 360); // 300/s x 0.6 s x headroom 2
    const scenarios = stagedScenarios(STACKS, plan, 'climb');
    assert.deepEqual(Object.keys(scenarios), ['reactive', 'blocking', 'virtual']);
    assert.equal(scenarios.blocking?.startTime, '65s');
    const w = windows(scenarios);
    for (let i = 1; i < w.length; i++) {
      assert.ok((w[i - 1]?.end ?? Infinity) <= (w[i]?.start ?? 0));
    }
  });

  it('labels the time in a scenario with its segment', () => {
    const plan = ladderProfile({ STEPS: '100,300', STEP_RAMP: '5s', STEP_HOLD: '20s' }, sim);
    assert.equal(segmentAt(plan.segments, 0), 'ramp');
    assert.equal(segmentAt(plan.segments, 5), '100');
    assert.equal(segmentAt(plan.segments, 24.9), '100');
    assert.equal(segmentAt(plan.segments, 27), 'ramp');
    assert.equal(segmentAt(plan.segments, 31), '300');
    assert.equal(segmentAt(plan.segments, 500), '300'); // graceful stop: still the last segment
    assert.equal(segmentAt([], 3), 'ramp');
  });

  it('defaults the ladder to steps around blocking\'s wall under slow', () => {
    const steps = ladderProfile({}, sim).segments.filter((s) => s.label !== 'ramp').map((s) => Number(s.label));
    assert.ok(steps.some((r) => r < 333) && steps.some((r) => r > 333));
  });

  it('spikes from the base rate and back, with before/spike/after segments', () => {
    const plan = spikeProfile({ BASE_RATE: '50', SPIKE_RATE: '900' }, sim);
    assert.equal(plan.startRate, 50);
    assert.deepEqual(plan.offered, { before: 50, spike: 900, after: 50 });
    assert.deepEqual(
      plan.segments.map((s) => s.label),
      ['before', 'ramp', 'spike', 'ramp', 'after'],
    );
  });
});

describe('stackOfScenario', () => {
  it('reads the stack from the scenario name', () => {
    assert.equal(stackOfScenario('virtual'), 'virtual');
    assert.equal(stackOfScenario('blocking_warmup'), 'blocking');
  });
});
