// LADDER: where is each stack's knee?
//
// Question: as the arrival rate climbs, at which rate does a stack stop keeping up (serves
// under 95% of what it is offered, fails requests, or its p95 leaves the SLO)? Under `slow`,
// Little's law puts blocking's wall at the requests it admits / 0.6 s: 192 of its 200 Tomcat
// threads (8 stay free to refuse the rest), 320 req/s (the threads alone: 333); reactive and
// virtual should climb until CPU, not threads, stops them.
//
// Each stack in turn runs a ramping-arrival-rate staircase: STEP_RAMP to each of STEPS, held
// for STEP_HOLD. Requests carry tag `segment` = the step's rate while it is held, `ramp` between.
//
//   k6 run k6/ladder.js                          # PROFILE=slow, 100..1500 req/s
//   PROFILE=fast STEPS=250,500,1000,1500,2000 STEP_HOLD=30s k6 run k6/ladder.js
import exec from 'k6/execution';

import { checkOverview } from './lib/checks.js';
import { scenarioNames, stagedRows } from './lib/compare.js';
import { ladderProfile, segmentAt, simulatorProfile, sloFor, stackOfScenario, stagedScenarios } from './lib/profiles.js';
import { overview, randomCustomerId } from './lib/requests.js';
import { endRunnerSession, runnerSummaryHandler, startRunnerSession } from './lib/runner.js';
import { resolveStacks, simulatorUrl, targetNamed } from './lib/targets.js';
import { reportThresholds, SUMMARY_TREND_STATS } from './lib/thresholds.js';

const targets = resolveStacks(__ENV);
const stacks = targets.map((t) => t.name);
const simulator = simulatorUrl(__ENV);
const sim = simulatorProfile(__ENV, 'slow');
const plan = ladderProfile(__ENV, sim);
const slo = sloFor(__ENV, sim);

/** @type {import('./lib/compare.js').ReportSpec} */
const report = {
  script: 'ladder',
  title: `Overview, rising arrival rate, simulator ${sim.preset}`,
  model: 'open',
  preset: sim.preset,
  criticalPathMs: sim.criticalPathMs,
  rows: stagedRows(stacks, plan),
  scenarios: scenarioNames(stacks),
  sloP95Ms: slo.p95Ms,
  maxErrorRate: slo.maxErrorRate,
};

/** @type {import('k6/options').Options} */
export const options = {
  scenarios: /** @type {import('k6/options').Options['scenarios']} */ (stagedScenarios(stacks, plan, 'climb')),
  // A ladder is meant to cross the SLO: its thresholds only expose the per-step sub-metrics;
  // the knee table in the summary is the verdict.
  thresholds: reportThresholds(report),
  summaryTrendStats: [...SUMMARY_TREND_STATS],
};

/** @returns {import('./lib/runner.js').RunnerSessionData} */
export function setup() {
  return startRunnerSession(targets, simulator, sim.preset);
}

export function climb() {
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
