import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { concurrencyFor, shareOf, throughputBound, vusFor } from '../lib/littles-law.js';

describe("Little's law", () => {
  it('bounds a closed model at clients / critical path', () => {
    // The numbers measured on this machine: 1000 clients, 600 ms -> 1667 req/s; 200 threads -> 333 req/s.
    assert.equal(Math.round(throughputBound(1000, 600)), 1667);
    assert.equal(Math.round(throughputBound(200, 600)), 333);
    assert.equal(Math.round(throughputBound(200, 120)), 1667);
    assert.throws(() => throughputBound(10, 0), /positive/);
  });

  it('gives the concurrency an open model needs', () => {
    assert.equal(concurrencyFor(400, 600), 240);
    assert.equal(concurrencyFor(400, 120), 48);
  });

  it('sizes VUs as rate x latency x headroom, at least one', () => {
    assert.equal(vusFor(400, 600, 4), 960);
    assert.equal(vusFor(400, 600, 0.5), 240); // headroom below 1 is treated as 1
    assert.equal(vusFor(0, 600, 4), 1);
  });

  it('reports the share of a bound, undefined for no bound', () => {
    assert.equal(shareOf(333, 400), 0.8325);
    assert.equal(shareOf(10, 0), undefined);
  });
});
