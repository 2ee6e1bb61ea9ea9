// Load profiles: how hard, how long, and in which order each stack is driven.
// PURE: no k6 import. Every builder takes the environment (k6's __ENV) and returns plain data,
// so the same numbers feed options.scenarios, the thresholds and the report.
import { envDuration, envNumber, envNumberList, envString, formatDuration, parseDuration } from './env.js';
import { vusFor } from './littles-law.js';

/** @typedef {import('./env.js').Env} Env */
/** @typedef {import('./targets.js').StackName} StackName */
/** @typedef {'fast' | 'slow'} Preset */
/** @typedef {{ label: string, seconds: number }} Segment  a stretch of a stack's run; label 'ramp' is not reported */
/**
 * @typedef {object} SimulatorProfile
 * @property {Preset} preset the simulator preset set in setup()
 * @property {number} criticalPathMs the overview's floor latency under that preset
 */

/** The overview's critical path per simulator preset: recommendations 120 ms under fast, x5 under slow. */
export const CRITICAL_PATH_MS = Object.freeze({ fast: 120, slow: 600 });

export const RAMP_LABEL = 'ramp';

/**
 * Seconds between a stack's warm-up and its measured window: the warm-up's gracefulStop, so
 * its last requests finish before the measured scenario starts and the two never hold VUs (or
 * the stack) at the same time.
 */
export const WARMUP_SETTLE_SECONDS = 5;

/**
 * PROFILE (fast|slow, default given) and CRITICAL_PATH_MS (override, e.g. after a custom profile).
 * @param {Env} env
 * @param {Preset} [fallback]
 * @returns {SimulatorProfile}
 */
export function simulatorProfile(env, fallback = 'slow') {
  const preset = (envString(env, 'PROFILE') ?? fallback).toLowerCase();
  if (preset !== 'fast' && preset !== 'slow') {
    throw new Error(`PROFILE must be fast or slow, got "${preset}"`);
  }
  return { preset, criticalPathMs: envNumber(env, 'CRITICAL_PATH_MS', CRITICAL_PATH_MS[preset]) };
}

/**
 * @typedef {object} Slo
 * @property {number} p95Ms latency budget per stack (SLO_P95_MS, default twice the critical path)
 * @property {number} maxErrorRate failed-request budget (MAX_ERROR_RATE, default 0.01)
 */

/**
 * @param {Env} env
 * @param {SimulatorProfile} sim
 * @returns {Slo}
 */
export function sloFor(env, sim) {
  return {
    p95Ms: envNumber(env, 'SLO_P95_MS', 2 * sim.criticalPathMs),
    maxErrorRate: envNumber(env, 'MAX_ERROR_RATE', 0.01),
  };
}

/**
 * ENFORCE_SLO=true turns the SLO into hard thresholds (k6 exits 99 when a stack misses it).
 * Default false: the comparison is the result, and blocking is expected to miss the SLO under
 * the default load, so the thresholds only expose the numbers and the table gives the verdict.
 * @param {Env} env
 * @returns {boolean}
 */
export function sloEnforced(env) {
  const value = (envString(env, 'ENFORCE_SLO') ?? 'false').toLowerCase();
  if (value !== 'true' && value !== 'false') {
    throw new Error(`ENFORCE_SLO must be true or false, got "${value}"`);
  }
  return value === 'true';
}

/**
 * @typedef {object} VuSizing
 * @property {number} preAllocatedVUs Little's-law mean x 1.5
 * @property {number} maxVUs Little's-law mean x HEADROOM, or MAX_VUS
 */

/**
 * Sizes an arrival-rate scenario from Little's law: VUs = rate x expected latency x headroom.
 * A stack slower than `headroom` x the critical path runs k6 out of VUs: dropped_iterations.
 * @param {Env} env
 * @param {number} peakRate
 * @param {number} criticalPathMs
 * @param {number} defaultHeadroom
 * @returns {VuSizing}
 */
export function vuSizing(env, peakRate, criticalPathMs, defaultHeadroom) {
  const headroom = envNumber(env, 'HEADROOM', defaultHeadroom);
  const maxVUs = Math.ceil(envNumber(env, 'MAX_VUS', vusFor(peakRate, criticalPathMs, headroom)));
  return { preAllocatedVUs: Math.min(maxVUs, vusFor(peakRate, criticalPathMs, 1.5)), maxVUs };
}

/**
 * @typedef {object} CompareProfile
 * @property {'open' | 'closed'} model MODEL: open = constant-arrival-rate, closed = constant-vus
 * @property {number} rate RATE, requests/s offered to each stack (open model)
 * @property {number} vus VUS, looping clients without think time (closed model)
 * @property {number} warmupRate WARMUP_RATE (default rate / 2)
 * @property {number} warmupSeconds WARMUP (default 20s)
 * @property {number} durationSeconds DURATION, the measured window per stack (default 60s)
 * @property {number} gapSeconds GAP, cool-down between stacks, also their gracefulStop (default 15s)
 * @property {string} requestTimeout REQUEST_TIMEOUT (default 10s)
 * @property {VuSizing} sizing
 */

/**
 * @param {Env} env
 * @param {SimulatorProfile} sim
 * @returns {CompareProfile}
 */
export function compareProfile(env, sim) {
  const model = (envString(env, 'MODEL') ?? 'open').toLowerCase();
  if (model !== 'open' && model !== 'closed') {
    throw new Error(`MODEL must be open or closed, got "${model}"`);
  }
  // 400/s is above blocking's wall under slow (192 admitted of 200 Tomcat threads / 0.6 s = 320/s) and far
  // below it under fast (192 / 0.12 s = 1600/s); reactive and virtual have no thread wall.
  const rate = envNumber(env, 'RATE', 400);
  return {
    model,
    rate,
    vus: envNumber(env, 'VUS', 300),
    warmupRate: envNumber(env, 'WARMUP_RATE', Math.max(1, Math.ceil(rate / 2))),
    warmupSeconds: envDuration(env, 'WARMUP', 20),
    durationSeconds: envDuration(env, 'DURATION', 60),
    gapSeconds: envDuration(env, 'GAP', 15),
    requestTimeout: formatDuration(envDuration(env, 'REQUEST_TIMEOUT', 10)),
    sizing: vuSizing(env, rate, sim.criticalPathMs, 4),
  };
}

/**
 * @typedef {object} ScenarioConfig a k6 scenario, as plain data
 * @property {string} executor
 * @property {string} exec the exported function the scenario runs
 * @property {string} startTime
 * @property {string} gracefulStop
 * @property {Record<string, string>} tags
 * @property {string} [duration]
 * @property {number} [rate]
 * @property {string} [timeUnit]
 * @property {number} [startRate]
 * @property {{ target: number, duration: string }[]} [stages]
 * @property {number} [preAllocatedVUs]
 * @property {number} [maxVUs]
 * @property {number} [vus]
 */

/**
 * The headline run: each stack in turn gets its own warm-up, a settle pause (the warm-up's
 * gracefulStop), the measured window, then a cool-down gap (the measured window's
 * gracefulStop), so two scenarios never overlap and two stacks never share the machine.
 * Scenario names: `<stack>_warmup`, `<stack>`.
 * @param {readonly StackName[]} stacks
 * @param {CompareProfile} p
 * @param {string} exec
 * @returns {Record<string, ScenarioConfig>}
 */
export function compareScenarios(stacks, p, exec) {
  const warmup = p.warmupSeconds > 0 ? p.warmupSeconds + WARMUP_SETTLE_SECONDS : 0;
  const slot = warmup + p.durationSeconds + p.gapSeconds;
  /** @type {Record<string, ScenarioConfig>} */
  const scenarios = {};
  stacks.forEach((stack, i) => {
    const start = i * slot;
    if (p.warmupSeconds > 0) {
      scenarios[`${stack}_warmup`] = {
        ...arrivalRate(p.warmupRate, p.warmupSeconds, p.sizing),
        exec,
        startTime: formatDuration(start),
        gracefulStop: formatDuration(WARMUP_SETTLE_SECONDS),
        tags: { stack, phase: 'warmup' },
      };
    }
    const measured =
      p.model === 'open'
        ? arrivalRate(p.rate, p.durationSeconds, p.sizing)
        : { executor: 'constant-vus', vus: p.vus, duration: formatDuration(p.durationSeconds) };
    scenarios[stack] = {
      ...measured,
      exec,
      startTime: formatDuration(start + warmup),
      gracefulStop: formatDuration(p.gapSeconds),
      tags: { stack, phase: 'measure' },
    };
  });
  return scenarios;
}

/**
 * @typedef {object} ScenarioWindow
 * @property {string} name
 * @property {number} start seconds after the test's start
 * @property {number} end the latest moment it can still hold VUs: its run plus its gracefulStop
 * @property {number} vus the VUs k6 sets aside for it (maxVUs, or vus for closed models)
 */

/**
 * When each scenario runs, as k6 plans it (startTime, duration or stages, gracefulStop).
 * @param {Record<string, ScenarioConfig>} scenarios
 * @returns {ScenarioWindow[]} sorted by start
 */
export function scenarioWindows(scenarios) {
  return Object.entries(scenarios)
    .map(([name, s]) => {
      const start = parseDuration(s.startTime);
      const run = s.duration !== undefined ? parseDuration(s.duration) : (s.stages ?? []).reduce((sum, st) => sum + parseDuration(st.duration), 0);
      return { name, start, end: start + run + parseDuration(s.gracefulStop), vus: s.maxVUs ?? s.vus ?? 0 };
    })
    .sort((a, b) => a.start - b.start);
}

/**
 * @param {number} rate
 * @param {number} seconds
 * @param {VuSizing} sizing
 */
function arrivalRate(rate, seconds, sizing) {
  return {
    executor: 'constant-arrival-rate',
    rate,
    timeUnit: '1s',
    duration: formatDuration(seconds),
    preAllocatedVUs: sizing.preAllocatedVUs,
    maxVUs: sizing.maxVUs,
  };
}

/**
 * @typedef {object} StagedProfile a ramping-arrival-rate run, the same for each stack
 * @property {Segment[]} segments labelled stretches; requests carry the label as tag `segment`
 * @property {{ target: number, duration: string }[]} stages
 * @property {number} startRate
 * @property {Record<string, number>} offered the rate held in each labelled segment
 * @property {number} gapSeconds
 * @property {string} requestTimeout
 * @property {VuSizing} sizing
 */

/**
 * The ladder: STEPS (requests/s), each reached by a STEP_RAMP and held for STEP_HOLD.
 * @param {Env} env
 * @param {SimulatorProfile} sim
 * @returns {StagedProfile}
 */
export function ladderProfile(env, sim) {
  const defaults =
    sim.preset === 'slow' ? [100, 200, 300, 400, 500, 650, 800, 1000, 1250, 1500] : [200, 400, 600, 800, 1000, 1200, 1500, 1800];
  const steps = envNumberList(env, 'STEPS', defaults);
  const ramp = envDuration(env, 'STEP_RAMP', 5);
  const hold = envDuration(env, 'STEP_HOLD', 20);
  /** @type {Array<{ label: string, rate: number, seconds: number }>} */
  const plan = [];
  for (const rate of steps) {
    plan.push({ label: RAMP_LABEL, rate, seconds: ramp }, { label: String(rate), rate, seconds: hold });
  }
  return staged(env, sim, plan, 0, 2);
}

/**
 * The spike: BASE_RATE for SPIKE_BEFORE, a jump to SPIKE_RATE within SPIKE_RAMP held for
 * SPIKE_HOLD, back to BASE_RATE, then SPIKE_AFTER to watch the recovery.
 * @param {Env} env
 * @param {SimulatorProfile} sim
 * @returns {StagedProfile}
 */
export function spikeProfile(env, sim) {
  const base = envNumber(env, 'BASE_RATE', 100);
  const spike = envNumber(env, 'SPIKE_RATE', sim.preset === 'slow' ? 1000 : 1500);
  const ramp = envDuration(env, 'SPIKE_RAMP', 2);
  const plan = [
    { label: 'before', rate: base, seconds: envDuration(env, 'SPIKE_BEFORE', 30) },
    { label: RAMP_LABEL, rate: spike, seconds: ramp },
    { label: 'spike', rate: spike, seconds: envDuration(env, 'SPIKE_HOLD', 30) },
    { label: RAMP_LABEL, rate: base, seconds: ramp },
    { label: 'after', rate: base, seconds: envDuration(env, 'SPIKE_AFTER', 60) },
  ];
  return staged(env, sim, plan, base, 2);
}

/**
 * @param {Env} env
 * @param {SimulatorProfile} sim
 * @param {Array<{ label: string, rate: number, seconds: number }>} plan
 * @param {number} startRate
 * @param {number} headroom
 * @returns {StagedProfile}
 */
function staged(env, sim, plan, startRate, headroom) {
  /** @type {Record<string, number>} */
  const offered = {};
  for (const p of plan) {
    if (p.label !== RAMP_LABEL) {
      offered[p.label] = p.rate;
    }
  }
  return {
    segments: plan.map(({ label, seconds }) => ({ label, seconds })),
    stages: plan.map(({ rate, seconds }) => ({ target: rate, duration: formatDuration(seconds) })),
    startRate,
    offered,
    gapSeconds: envDuration(env, 'GAP', 15),
    requestTimeout: formatDuration(envDuration(env, 'REQUEST_TIMEOUT', 10)),
    sizing: vuSizing(env, Math.max(startRate, ...plan.map((p) => p.rate)), sim.criticalPathMs, headroom),
  };
}

/**
 * One ramping-arrival-rate scenario per stack (named after it), chained so they never overlap.
 * @param {readonly StackName[]} stacks
 * @param {StagedProfile} p
 * @param {string} exec
 * @returns {Record<string, ScenarioConfig>}
 */
export function stagedScenarios(stacks, p, exec) {
  const slot = totalSeconds(p.segments) + p.gapSeconds;
  /** @type {Record<string, ScenarioConfig>} */
  const scenarios = {};
  stacks.forEach((stack, i) => {
    scenarios[stack] = {
      executor: 'ramping-arrival-rate',
      exec,
      startRate: p.startRate,
      timeUnit: '1s',
      stages: p.stages,
      preAllocatedVUs: p.sizing.preAllocatedVUs,
      maxVUs: p.sizing.maxVUs,
      startTime: formatDuration(i * slot),
      gracefulStop: formatDuration(p.gapSeconds),
      tags: { stack, phase: 'measure' },
    };
  });
  return scenarios;
}

/**
 * The stack a scenario drives: scenarios are named `<stack>` or `<stack>_<purpose>`.
 * @param {string} scenarioName
 * @returns {string}
 */
export function stackOfScenario(scenarioName) {
  return scenarioName.split('_')[0] ?? scenarioName;
}

/**
 * @param {readonly Segment[]} segments
 * @returns {number}
 */
export function totalSeconds(segments) {
  return segments.reduce((sum, s) => sum + s.seconds, 0);
}

/**
 * The label of the segment running `elapsedSeconds` after the scenario started
 * (the last one once the plan is over, i.e. during gracefulStop).
 * @param {readonly Segment[]} segments
 * @param {number} elapsedSeconds
 * @returns {string}
 */
export function segmentAt(segments, elapsedSeconds) {
  let end = 0;
  for (const segment of segments) {
    end += segment.seconds;
    if (elapsedSeconds < end) {
      return segment.label;
    }
  }
  return segments[segments.length - 1]?.label ?? RAMP_LABEL;
}

/**
 * @typedef {object} SoakProfile
 * @property {number} rate RATE (default 200/s)
 * @property {number} durationSeconds DURATION per stack (default 30m)
 * @property {number} gapSeconds
 * @property {string} requestTimeout
 * @property {number} orderShare ORDER_SHARE, the fraction of iterations that create an order (default 0.05)
 * @property {VuSizing} sizing
 */

/**
 * @param {Env} env
 * @param {SimulatorProfile} sim
 * @returns {SoakProfile}
 */
export function soakProfile(env, sim) {
  const rate = envNumber(env, 'RATE', 200);
  const orderShare = envNumber(env, 'ORDER_SHARE', 0.05);
  if (orderShare > 1) {
    throw new Error('ORDER_SHARE must be between 0 and 1');
  }
  return {
    rate,
    durationSeconds: envDuration(env, 'DURATION', 30 * 60),
    gapSeconds: envDuration(env, 'GAP', 15),
    requestTimeout: formatDuration(envDuration(env, 'REQUEST_TIMEOUT', 10)),
    orderShare,
    sizing: vuSizing(env, rate, sim.criticalPathMs, 4),
  };
}
