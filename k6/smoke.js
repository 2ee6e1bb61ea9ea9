// SMOKE: is every stack up and keeping the contract?
//
// Question: before any load, does each endpoint of each stack answer as the contract says?
// One VU, one iteration, every endpoint of every selected stack once: overview (plain and
// ?trace=true), fan-out parallel and sequential, cpu, info, order create and its idempotent
// replay, two error cases, actuator health; plus the simulator's admin API. Checks status,
// the X-Lab-Stack header and the JSON shape. Aborts at once (exit 108) if a stack is down.
//
//   k6 run k6/smoke.js
//   STACKS=virtual VIRTUAL_URL=http://localhost:9083 k6 run k6/smoke.js
import { check, group } from 'k6';
import crypto from 'k6/crypto';

import { isObject, isOverview, isProblem, jsonBody, servedBy } from './lib/checks.js';
import { scenarioNames } from './lib/compare.js';
import { requireUp } from './lib/preflight.js';
import { summaryHandler } from './lib/report.js';
import { cpu, createOrder, fanout, health, info, overview, randomCustomerId } from './lib/requests.js';
import { getProfile, readStats } from './lib/simulator.js';
import { resolveStacks, simulatorUrl } from './lib/targets.js';
import { reportThresholds, SUMMARY_TREND_STATS } from './lib/thresholds.js';

const targets = resolveStacks(__ENV);
const stacks = targets.map((t) => t.name);
const simulator = simulatorUrl(__ENV);

/** @type {import('./lib/compare.js').ReportSpec} */
const report = {
  script: 'smoke',
  title: 'Smoke: every endpoint of every stack once',
  description: 'One request per endpoint and stack, simulator left as found; the checks column is the verdict (latency and rates mean little here).',
  model: 'open',
  preset: 'as found',
  criticalPathMs: 120,
  rows: stacks.map((stack) => ({ stack, tags: { stack }, windowSeconds: 0 })),
  scenarios: scenarioNames(stacks, () => 'smoke'),
};

/** @type {import('k6/options').Options} */
export const options = {
  scenarios: { smoke: { executor: 'per-vu-iterations', vus: 1, iterations: 1, maxDuration: '2m' } },
  // Every check on every stack must pass; expected 4xx are declared per request, so any
  // failed request is a real one.
  thresholds: { ...reportThresholds(report, { maxErrorRate: 0 }), checks: ['rate==1'] },
  summaryTrendStats: [...SUMMARY_TREND_STATS],
};

/** SHA-256 of "fanout-lab": /api/cpu?rounds=1 on every stack (see the contract, endpoint 3). */
const ONE_ROUND_DIGEST = crypto.sha256('fanout-lab', 'hex');

export function setup() {
  requireUp(targets, simulator);
}

export default function () {
  /** @type {string | undefined} */
  let firstDigest;
  for (const target of targets) {
    const stack = target.name;
    const tags = { stack };
    group(stack, () => {
      const customerId = randomCustomerId();

      const plain = overview(target, { customerId });
      const plainBody = jsonBody(plain);
      check(plain, {
        'overview: 200': (r) => r.status === 200,
        'overview: X-Lab-Stack': (r) => servedBy(r, stack),
        'overview: shape': () => isOverview(plainBody, customerId),
        'overview: no trace unless asked': () => plainBody !== null && !('trace' in plainBody),
      }, tags);

      const traced = overview(target, { customerId, trace: true });
      const trace = jsonBody(traced)?.trace;
      check(traced, {
        'overview?trace=true: 200': (r) => r.status === 200,
        'overview?trace=true: trace.stack': () => isObject(trace) && trace.stack === stack,
        'overview?trace=true: calls with thread and outcome': () =>
          isObject(trace) &&
          Array.isArray(trace.calls) &&
          trace.calls.length > 0 &&
          trace.calls.every((c) => isObject(c) && typeof c.name === 'string' && typeof c.thread === 'string' && typeof c.outcome === 'string'),
      }, tags);

      check(overview(target, { customerId: 99999999, expected: [404] }), {
        'overview unknown id: 404 problem': (r) => isProblem(r, 404) && servedBy(r, stack),
      }, tags);

      const parallel = fanout(target, { calls: 3, latencyMs: 100, mode: 'parallel' });
      const sequential = fanout(target, { calls: 3, latencyMs: 100, mode: 'sequential' });
      const p = jsonBody(parallel);
      const s = jsonBody(sequential);
      check(parallel, {
        'fanout parallel: 200 and X-Lab-Stack': (r) => r.status === 200 && servedBy(r, stack),
        'fanout parallel: 3 results': () => p !== null && p.mode === 'parallel' && Array.isArray(p.results) && p.results.length === 3,
      }, tags);
      check(sequential, {
        'fanout sequential: 200 and X-Lab-Stack': (r) => r.status === 200 && servedBy(r, stack),
        'fanout sequential: takes at least N x L': () => s !== null && typeof s.elapsedMs === 'number' && s.elapsedMs >= 300,
        'fanout: parallel faster than sequential': () =>
          p !== null && s !== null && typeof p.elapsedMs === 'number' && typeof s.elapsedMs === 'number' && p.elapsedMs < s.elapsedMs,
      }, tags);
      check(fanout(target, { calls: 0, expected: [400] }), {
        'fanout calls=0: 400 problem': (r) => isProblem(r, 400),
      }, tags);

      const one = jsonBody(cpu(target, { rounds: 1 }));
      const many = cpu(target, { rounds: 1000 });
      const manyBody = jsonBody(many);
      check(many, {
        'cpu rounds=1: SHA-256("fanout-lab")': () => one !== null && one.digest === ONE_ROUND_DIGEST,
        'cpu rounds=1000: 200 and X-Lab-Stack': (r) => r.status === 200 && servedBy(r, stack),
        'cpu rounds=1000: same digest on every stack': () => {
          const digest = manyBody !== null && typeof manyBody.digest === 'string' ? manyBody.digest : undefined;
          firstDigest = firstDigest ?? digest;
          return digest !== undefined && digest === firstDigest;
        },
      }, tags);

      const infoBody = jsonBody(info(target));
      check(infoBody, {
        'info: stack': (b) => b !== null && b.stack === stack,
        'info: virtualThreads only on virtual': (b) => b !== null && b.virtualThreads === (stack === 'virtual'),
        'info: pools server, db, http': (b) => b !== null && isObject(b.pools) && ['server', 'db', 'http'].every((k) => isObject(/** @type {Record<string, unknown>} */ (b.pools)[k])),
      }, tags);

      const items = [{ sku: 'SKU-SMOKE', quantity: 2, priceCents: 1250 }];
      const created = createOrder(target, { customerId, items });
      const order = jsonBody(created.response);
      check(created.response, {
        'order: 201 + Location': (r) => r.status === 201 && typeof r.headers['Location'] === 'string',
        'order: CONFIRMED, total 2500': () => order !== null && order.status === 'CONFIRMED' && order.totalCents === 2500,
      }, tags);
      const replay = createOrder(target, { customerId, items, key: created.key });
      const replayed = jsonBody(replay.response);
      check(replay.response, {
        'order replay: 201, Idempotent-Replayed': (r) => r.status === 201 && r.headers['Idempotent-Replayed'] === 'true',
        'order replay: same order': () => order !== null && replayed !== null && replayed.id === order.id,
      }, tags);

      check(health(target), {
        'health: UP': (r) => r.status === 200 && jsonBody(r)?.status === 'UP',
      }, tags);
    });
  }

  group('simulator', () => {
    const profile = getProfile(simulator);
    const stats = readStats(simulator);
    check(profile, {
      'simulator: profile has a preset and services': (pr) => ['fast', 'slow', 'custom'].includes(pr.preset) && isObject(pr.services.recommendations),
      'simulator: stats has totals': () => isObject(stats.total) && typeof stats.total.requests === 'number',
    });
  });
}

export const handleSummary = summaryHandler(report);
