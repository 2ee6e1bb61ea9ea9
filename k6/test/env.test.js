import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { envDuration, envNumber, envNumberList, formatDuration, parseDuration } from '../lib/env.js';

describe('parseDuration', () => {
  it('reads k6 durations and bare seconds', () => {
    assert.equal(parseDuration('90s'), 90);
    assert.equal(parseDuration('1m30s'), 90);
    assert.equal(parseDuration('500ms'), 0.5);
    assert.equal(parseDuration('2h'), 7200);
    assert.equal(parseDuration('45'), 45);
    assert.equal(parseDuration(' 1.5s '), 1.5);
  });

  it('rejects what is not a duration', () => {
    assert.throws(() => parseDuration('soon'), /not a duration/);
    assert.throws(() => parseDuration('10x'), /not a duration/);
    assert.throws(() => parseDuration('10s junk'), /not a duration/);
  });
});

describe('formatDuration', () => {
  it('writes whole seconds as s and fractions as ms', () => {
    assert.equal(formatDuration(90), '90s');
    assert.equal(formatDuration(0), '0s');
    assert.equal(formatDuration(0.25), '250ms');
  });
});

describe('env readers', () => {
  it('fall back when unset or blank', () => {
    assert.equal(envNumber({}, 'RATE', 400), 400);
    assert.equal(envNumber({ RATE: '  ' }, 'RATE', 400), 400);
    assert.equal(envDuration({}, 'DURATION', 60), 60);
    assert.deepEqual(envNumberList({}, 'STEPS', [1, 2]), [1, 2]);
  });

  it('parse what is set', () => {
    assert.equal(envNumber({ RATE: '750' }, 'RATE', 400), 750);
    assert.equal(envDuration({ DURATION: '2m' }, 'DURATION', 60), 120);
    assert.deepEqual(envNumberList({ STEPS: '100, 200,400' }, 'STEPS', []), [100, 200, 400]);
  });

  it('name the variable in errors', () => {
    assert.throws(() => envNumber({ RATE: 'lots' }, 'RATE', 1), /RATE must be a non-negative number/);
    assert.throws(() => envNumber({ RATE: '-5' }, 'RATE', 1), /RATE/);
    assert.throws(() => envDuration({ WARMUP: 'a while' }, 'WARMUP', 1), /WARMUP: not a duration/);
    assert.throws(() => envNumberList({ STEPS: '100,,200' }, 'STEPS', []), /STEPS/);
  });
});
