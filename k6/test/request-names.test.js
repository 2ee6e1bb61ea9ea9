// Every request the scripts send carries a bounded `name` tag: with K6_SYSTEM_TAGS leaving
// `url` out (k6/run.sh), `name` is what the remote-write output turns into a label, so it must
// not vary with the customer id, the order key or anything else per request.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { register } from 'node:module';
import { describe, it } from 'node:test';

register('./support/k6-loader.js', import.meta.url);
const { sent } = await import('./support/k6-http.js');
const requests = await import('../lib/requests.js');
const simulator = await import('../lib/simulator.js');
const preflight = await import('../lib/preflight.js');

const k6Dir = new URL('../', import.meta.url);
const target = { name: /** @type {const} */ ('reactive'), url: 'http://127.0.0.1:8081' };

/** Every builder, many times over with varying ids, keys and options. */
function sendEverything() {
  sent.length = 0;
  for (let customerId = 1; customerId <= 10000; customerId += 997) {
    requests.overview(target, { customerId });
    requests.overview(target, { customerId, trace: true, tags: { segment: '400' } });
    requests.createOrder(target, { customerId });
  }
  for (const mode of /** @type {const} */ (['parallel', 'sequential'])) {
    for (const calls of [0, 1, 3, 50]) {
      requests.fanout(target, { calls, latencyMs: calls * 7, mode });
    }
  }
  for (const rounds of [1, 1000, 123456]) {
    requests.cpu(target, { rounds });
  }
  requests.info(target);
  requests.health(target);
  requests.prometheus(target);
  simulator.getProfile('http://127.0.0.1:8090');
  simulator.setPreset('http://127.0.0.1:8090', 'slow');
  simulator.restoreProfile('http://127.0.0.1:8090', { preset: 'fast', services: {} });
  simulator.readStats('http://127.0.0.1:8090');
  simulator.resetStats('http://127.0.0.1:8090');
  preflight.requireUp([target], 'http://127.0.0.1:8090');
  return sent;
}

describe('request names', () => {
  it('tags every request with a name that does not vary per request', () => {
    const all = sendEverything();
    assert.ok(all.length > 40);
    const names = new Set();
    for (const request of all) {
      const name = request.params.tags?.name;
      assert.equal(typeof name, 'string', `${request.method} ${request.url} has no name tag`);
      assert.doesNotMatch(name, /\d{2,}/, `${request.url}: name "${name}" carries a number`);
      assert.notEqual(name, request.url, `${request.url}: name is the URL`);
      names.add(name);
    }
    // one name per endpoint (and mode), not per request: 10 of them today
    assert.ok(names.size <= 16, [...names].join(', '));
  });

  it('leaves no other place in the scripts that sends a request', () => {
    const builders = new Set(['requests.js', 'simulator.js', 'preflight.js']);
    const files = [
      ...readdirSync(k6Dir).filter((f) => f.endsWith('.js')).map((f) => new URL(f, k6Dir)),
      ...readdirSync(new URL('lib/', k6Dir)).filter((f) => f.endsWith('.js') && !builders.has(f)).map((f) => new URL(`lib/${f}`, k6Dir)),
    ];
    for (const file of files) {
      assert.doesNotMatch(readFileSync(file, 'utf8'), /\bhttp\.(get|post|put|del|patch|request|batch|asyncRequest)\(/, file.pathname);
    }
  });

  it('runs k6 with system tags that leave url out (k6/run.sh)', () => {
    const run = readFileSync(new URL('run.sh', k6Dir), 'utf8');
    const tags = /K6_SYSTEM_TAGS:-([a-z_,]+)/.exec(run)?.[1]?.split(',') ?? [];
    assert.ok(tags.includes('name') && tags.includes('scenario'), tags.join(','));
    for (const unbounded of ['url', 'vu', 'iter', 'ip']) {
      assert.ok(!tags.includes(unbounded), `K6_SYSTEM_TAGS includes ${unbounded}`);
    }
  });
});
