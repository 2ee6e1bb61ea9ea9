// SOAK: does a stack stay healthy over a long steady run?
//
// Question: at a moderate, steady rate (RATE, default 200/s, well inside every stack's bound),
// do errors creep in, does latency drift, does memory grow? Each stack in turn for DURATION
// (default 30m). ORDER_SHARE of the iterations (default 5%) create an order, so the write path
// (idempotency claim, payments call, connection pools) soaks too.
//
// The error rate is watched as the run goes: a stack failing over 5% of its requests aborts the
// test, after a minute's grace counted from that stack's own start (MAX_ERROR_RATE, default 1%,
// is the pass mark in the summary; ENFORCE_SLO=true makes it a hard threshold).
// Memory: each stack's /actuator/prometheus is read in setup and teardown (jvm_memory_used_bytes
// {area="heap"} summed over pools, and jvm_gc_live_data_size_bytes); for the curve over time
// use Grafana's JVM heap panel beside the k6 series (see k6/README.md).
//
//   k6 run k6/soak.js
//   STACKS=virtual DURATION=2h RATE=300 k6 run k6/soak.js
import { check } from 'k6';
import exec from 'k6/execution';
import { Gauge } from 'k6/metrics';

import { checkOverview, servedBy } from './lib/checks.js';
import { compareRows, scenarioNames } from './lib/compare.js';
import { renderHeap } from './lib/markdown.js';
import { compareScenarios, scenarioWindows, simulatorProfile, sloEnforced, sloFor, soakProfile, stackOfScenario } from './lib/profiles.js';
import { HEAP_USED_GAUGE, heapReadings, LIVE_DATA_GAUGE, MOMENTS } from './lib/prometheus.js';
import { summaryHandler } from './lib/report.js';
import { createOrder, overview, prometheus, randomCustomerId } from './lib/requests.js';
import { endSession, startSession } from './lib/session.js';
import { resolveStacks, simulatorUrl, targetNamed } from './lib/targets.js';
import { abortOnErrors, mergeThresholds, reportThresholds, subMetricKey, SUMMARY_TREND_STATS } from './lib/thresholds.js';

const targets = resolveStacks(__ENV);
const stacks = targets.map((t) => t.name);
const simulator = simulatorUrl(__ENV);
const sim = simulatorProfile(__ENV, 'slow');
const soak = soakProfile(__ENV, sim);
const slo = sloFor(__ENV, sim);
/** @type {import('./lib/profiles.js').CompareProfile} */
const profile = {
  model: 'open',
  rate: soak.rate,
  vus: 0,
  warmupRate: 0,
  warmupSeconds: 0,
  durationSeconds: soak.durationSeconds,
  gapSeconds: soak.gapSeconds,
  requestTimeout: soak.requestTimeout,
  sizing: soak.sizing,
};

const heapUsed = new Gauge(HEAP_USED_GAUGE);
const liveData = new Gauge(LIVE_DATA_GAUGE);

/** @type {import('./lib/compare.js').ReportSpec} */
const report = {
  script: 'soak',
  title: `Soak at ${soak.rate} req/s, simulator ${sim.preset}`,
  model: 'open',
  preset: sim.preset,
  criticalPathMs: sim.criticalPathMs,
  rows: compareRows(stacks, profile),
  scenarios: scenarioNames(stacks),
  sloP95Ms: slo.p95Ms,
  maxErrorRate: slo.maxErrorRate,
};

const scenarios = compareScenarios(stacks, profile, 'steady');
const windows = scenarioWindows(scenarios);

// Over 5% failed requests aborts the run, after a minute of grace from each stack's own start.
/** @type {import('./lib/thresholds.js').Thresholds} */
const watch = abortOnErrors(stacks, windows, 0.05, 60);
for (const stack of stacks) {
  for (const moment of MOMENTS) {
    watch[subMetricKey(HEAP_USED_GAUGE, { stack, moment })] = ['value>=0'];
    watch[subMetricKey(LIVE_DATA_GAUGE, { stack, moment })] = ['value>=0'];
  }
}

/** @type {import('k6/options').Options} */
export const options = {
  scenarios: /** @type {import('k6/options').Options['scenarios']} */ (scenarios),
  thresholds: mergeThresholds(reportThresholds(report, sloEnforced(__ENV) ? slo : undefined), watch),
  summaryTrendStats: [...SUMMARY_TREND_STATS],
};

/** @param {'start' | 'end'} moment */
function recordMemory(moment) {
  for (const target of targets) {
    const res = prometheus(target, { timeout: '10s' });
    const { heapUsed: used, liveData: live } = res.status === 200 ? heapReadings(String(res.body ?? '')) : { heapUsed: undefined, liveData: undefined };
    if (used !== undefined) {
      heapUsed.add(used, { stack: target.name, moment });
    }
    if (live !== undefined) {
      liveData.add(live, { stack: target.name, moment });
    }
    if (used === undefined) {
      console.warn(`soak: no jvm_memory_used_bytes{area="heap"} from ${target.url}/actuator/prometheus (HTTP ${res.status})`);
    }
  }
}

/** @returns {import('./lib/session.js').SessionData} */
export function setup() {
  const session = startSession(targets, simulator, sim.preset);
  recordMemory('start');
  return session;
}

export function steady() {
  const target = targetNamed(targets, stackOfScenario(exec.scenario.name));
  if (Math.random() < soak.orderShare) {
    const { response } = createOrder(target, { timeout: soak.requestTimeout });
    check(response, {
      'order: status 201': (r) => r.status === 201,
      'order: X-Lab-Stack matches': (r) => servedBy(r, target.name),
    });
    return;
  }
  const customerId = randomCustomerId();
  checkOverview(overview(target, { customerId, timeout: soak.requestTimeout }), target.name, customerId);
}

/** @param {import('./lib/session.js').SessionData} data */
export function teardown(data) {
  recordMemory('end');
  endSession(simulator, data);
}

export const handleSummary = summaryHandler(report, (data) => renderHeap(data, stacks));
