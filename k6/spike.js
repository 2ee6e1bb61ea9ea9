// SPIKE: what does a sudden burst do, and does the stack recover?
//
// Question: when traffic jumps from BASE_RATE to SPIKE_RATE within SPIKE_RAMP and falls back,
// does a stack absorb the burst (more in flight, same latency), queue it (latency climbs), or
// shed it (errors, timeouts, degraded overviews)? And once the burst is over, is the `after`
// segment as good as `before`, or does a backlog linger?
//
//   k6 run k6/spike.js                           # PROFILE=slow, 100 -> 1000 -> 100 req/s
//   PROFILE=fast SPIKE_RATE=2000 SPIKE_HOLD=20s k6 run k6/spike.js
import exec from 'k6/execution';

import { checkOverview } from './lib/checks.js';
import { scenarioNames, stagedRows } from './lib/compare.js';
import { segmentAt, simulatorProfile, spikeProfile, stackOfScenario, stagedScenarios } from './lib/profiles.js';
import { overview, randomCustomerId } from './lib/requests.js';
import { endRunnerSession, runnerSummaryHandler, startRunnerSession } from './lib/runner.js';
import { resolveStacks, simulatorUrl, targetNamed } from './lib/targets.js';
import { reportThresholds, SUMMARY_TREND_STATS } from './lib/thresholds.js';

const targets = resolveStacks(__ENV);
const stacks = targets.map((t) => t.name);
const simulator = simulatorUrl(__ENV);
const sim = simulatorProfile(__ENV, 'slow');
const plan = spikeProfile(__ENV, sim);

/** @type {import('./lib/compare.js').ReportSpec} */
const report = {
  script: 'spike',
  title: `Overview, burst to ${plan.offered.spike ?? '?'} req/s, simulator ${sim.preset}`,
  model: 'open',
  preset: sim.preset,
  criticalPathMs: sim.criticalPathMs,
  rows: stagedRows(stacks, plan),
  scenarios: scenarioNames(stacks),
};

/** @type {import('k6/options').Options} */
export const options = {
  scenarios: /** @type {import('k6/options').Options['scenarios']} */ (stagedScenarios(stacks, plan, 'burst')),
  // A spike is expected to hurt; the per-segment table is the verdict, thresholds only expose it.
  thresholds: reportThresholds(report),
  summaryTrendStats: [...SUMMARY_TREND_STATS],
};

/** @returns {import('./lib/runner.js').RunnerSessionData} */
export function setup() {
  return startRunnerSession(targets, simulator, sim.preset);
}

export function burst() {
  const target = targetNamed(targets, stackOfScenario(exec.scenario.name));
  const tags = { segment: segmentAt(plan.segments, (Date.now() - exec.scenario.startTime) / 1000) };
  const customerId = randomCustomerId();
  const res = overview(target, { customerId, tags, timeout: plan.requestTimeout });
  checkOverview(res, target.name, customerId, tags);
}

/** @param {import('./lib/runner.js').RunnerSessionData} data */
export function teardown(data) {
  endRunnerSession(simulator, data);
}

export const handleSummary = runnerSummaryHandler(report);
