import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { DEFAULT_URLS, resolveStacks, simulatorUrl, targetNamed } from '../lib/targets.js';

describe('resolveStacks', () => {
  it('drives all three stacks on the lab ports by default', () => {
    assert.deepEqual(resolveStacks({}), [
      { name: 'reactive', url: 'http://localhost:8081' },
      { name: 'blocking', url: 'http://localhost:8082' },
      { name: 'virtual', url: 'http://localhost:8083' },
    ]);
  });

  it('takes one URL variable per stack, without trailing slash', () => {
    const targets = resolveStacks({ BLOCKING_URL: 'http://app:9082/', STACKS: 'blocking' });
    assert.deepEqual(targets, [{ name: 'blocking', url: 'http://app:9082' }]);
  });

  it('keeps the order STACKS gives', () => {
    assert.deepEqual(
      resolveStacks({ STACKS: 'Virtual, reactive' }).map((t) => t.name),
      ['virtual', 'reactive'],
    );
  });

  it('rejects unknown and repeated stacks', () => {
    assert.throws(() => resolveStacks({ STACKS: 'reactive,webflux' }), /unknown stack "webflux"/);
    assert.throws(() => resolveStacks({ STACKS: 'virtual,virtual' }), /listed twice/);
  });

  it('finds a target by stack name', () => {
    const targets = resolveStacks({});
    assert.equal(targetNamed(targets, 'virtual').url, DEFAULT_URLS.virtual);
    assert.throws(() => targetNamed(targets, 'nope'), /no target/);
  });
});

describe('simulatorUrl', () => {
  it('defaults to port 8090 and honours SIMULATOR_URL', () => {
    assert.equal(simulatorUrl({}), 'http://localhost:8090');
    assert.equal(simulatorUrl({ SIMULATOR_URL: 'http://sim:8090//' }), 'http://sim:8090');
  });
});
