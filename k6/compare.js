// COMPARE: the headline run.
//
// Question: offered the same load, what does each stack serve, how fast, and how close to the
// Little's-law bound? Each stack gets the same open-model load (constant-arrival-rate: requests
// arrive at RATE/s whatever the latency, as users do) on GET /api/customers/{id}/overview, one
// stack after the other, never at the same time, each after its own warm-up.
//
//   k6 run k6/compare.js                         # PROFILE=slow, RATE=400/s, 60 s per stack
//   PROFILE=fast RATE=800 k6 run k6/compare.js
//   MODEL=closed VUS=300 k6 run k6/compare.js    # closed model: bound = VUs / critical path
//   STACKS=reactive,virtual k6 run k6/compare.js
//   ENFORCE_SLO=true k6 run k6/compare.js        # exit 99 when a stack misses its SLO
import exec from 'k6/execution';

import { checkOverview } from './lib/checks.js';
import { compareRows, scenarioNames } from './lib/compare.js';
import { compareProfile, compareScenarios, simulatorProfile, sloEnforced, sloFor, stackOfScenario } from './lib/profiles.js';
import { overview, randomCustomerId } from './lib/requests.js';
import { endRunnerSession, runnerSummaryHandler, startRunnerSession } from './lib/runner.js';
import { resolveStacks, simulatorUrl, targetNamed } from './lib/targets.js';
import { reportThresholds, SUMMARY_TREND_STATS } from './lib/thresholds.js';

const targets = resolveStacks(__ENV);
const stacks = targets.map((t) => t.name);
const simulator = simulatorUrl(__ENV);
const sim = simulatorProfile(__ENV, 'slow');
const profile = compareProfile(__ENV, sim);
const slo = sloFor(__ENV, sim);

/** @type {import('./lib/compare.js').ReportSpec} */
const report = {
  script: 'compare',
  title: `Overview under ${profile.model === 'open' ? `${profile.rate} req/s` : `${profile.vus} VUs`}, simulator ${sim.preset}`,
  model: profile.model,
  preset: sim.preset,
  criticalPathMs: sim.criticalPathMs,
  rows: compareRows(stacks, profile),
  scenarios: scenarioNames(stacks),
  sloP95Ms: slo.p95Ms,
  maxErrorRate: slo.maxErrorRate,
};

/** @type {import('k6/options').Options} */
export const options = {
  // Scenario `<stack>_warmup` then `<stack>` per stack, chained with startTime; tags
  // { stack, phase: warmup|measure } on everything they emit.
  scenarios: /** @type {import('k6/options').Options['scenarios']} */ (compareScenarios(stacks, profile, 'fanOut')),
  // Per stack, measured phase only. Report-only by default: blocking cannot meet the SLO under
  // the default load by design, and the comparison table is the result. ENFORCE_SLO=true makes
  // them hard: p95 within SLO_P95_MS, errors and failed checks within MAX_ERROR_RATE, and a
  // stack that cannot keep up fails its own thresholds, not the others'.
  thresholds: reportThresholds(report, sloEnforced(__ENV) ? slo : undefined),
  summaryTrendStats: [...SUMMARY_TREND_STATS],
};

/** @typedef {import('./lib/runner.js').RunnerSessionData} SetupData */

/** @returns {SetupData} */
export function setup() {
  const session = startRunnerSession(targets, simulator, sim.preset);
  console.log(
    `compare: ${stacks.join(' -> ')}, simulator ${sim.preset} (critical path ${sim.criticalPathMs} ms), ` +
      `${profile.model === 'open' ? `${profile.rate} req/s` : `${profile.vus} VUs`}, VUs ${profile.sizing.preAllocatedVUs}..${profile.sizing.maxVUs}`,
  );
  return session;
}

export function fanOut() {
  const target = targetNamed(targets, stackOfScenario(exec.scenario.name));
  const customerId = randomCustomerId();
  const res = overview(target, { customerId, timeout: profile.requestTimeout });
  checkOverview(res, target.name, customerId);
}

/** @param {SetupData} data */
export function teardown(data) {
  endRunnerSession(simulator, data);
}

export const handleSummary = runnerSummaryHandler(report);
