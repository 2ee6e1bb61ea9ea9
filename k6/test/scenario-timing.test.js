// Scenario timing and k6's memory: no two scenarios of a script ever hold VUs at the same
// time (a warm-up's graceful stop included), so k6 sets aside the VUs of one scenario at a
// time, and the largest default plan fits the k6 container's GOMEMLIMIT (docker-compose.yml).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import {
  compareProfile,
  compareScenarios,
  ladderProfile,
  scenarioWindows,
  simulatorProfile,
  soakProfile,
  spikeProfile,
  stagedScenarios,
} from '../lib/profiles.js';
import { abortOnErrors } from '../lib/thresholds.js';

/** What one VU costs k6, MiB: k6's guidance is 1-5 MiB for scripts like these; see docs/docker.md. */
const MIB_PER_VU = 2;
const STACKS = /** @type {const} */ (['reactive', 'blocking', 'virtual']);

/** @param {import('../lib/profiles.js').Preset} preset */
function plans(preset) {
  const env = { PROFILE: preset };
  const sim = simulatorProfile(env);
  const soak = soakProfile(env, sim);
  return {
    compare: compareScenarios(STACKS, compareProfile(env, sim), 'fanOut'),
    'compare (closed)': compareScenarios(STACKS, compareProfile({ ...env, MODEL: 'closed' }, sim), 'fanOut'),
    ladder: stagedScenarios(STACKS, ladderProfile(env, sim), 'climb'),
    spike: stagedScenarios(STACKS, spikeProfile(env, sim), 'burst'),
    soak: compareScenarios(
      STACKS,
      { model: 'open', rate: soak.rate, vus: 0, warmupRate: 0, warmupSeconds: 0, durationSeconds: soak.durationSeconds, gapSeconds: soak.gapSeconds, requestTimeout: soak.requestTimeout, sizing: soak.sizing },
      'steady',
    ),
  };
}

function goMemLimitMiB() {
  const compose = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
  const match = /GOMEMLIMIT: *"?(\d+)MiB/.exec(compose);
  assert.ok(match, 'docker-compose.yml sets GOMEMLIMIT in MiB for k6');
  return Number(match[1]);
}

describe('scenario timing', () => {
  for (const preset of /** @type {const} */ (['slow', 'fast'])) {
    for (const [script, scenarios] of Object.entries(plans(preset))) {
      it(`${script} under ${preset}: one scenario at a time, graceful stops included`, () => {
        const windows = scenarioWindows(scenarios);
        assert.ok(windows.length >= STACKS.length);
        for (let i = 1; i < windows.length; i++) {
          const before = /** @type {import('../lib/profiles.js').ScenarioWindow} */ (windows[i - 1]);
          const after = /** @type {import('../lib/profiles.js').ScenarioWindow} */ (windows[i]);
          assert.ok(before.end <= after.start, `${before.name} ends at ${before.end} s, ${after.name} starts at ${after.start} s`);
        }
      });
    }
  }

  it('fits the largest default plan in the k6 container memory', () => {
    const limit = goMemLimitMiB();
    let largest = { script: '', vus: 0 };
    for (const preset of /** @type {const} */ (['slow', 'fast'])) {
      for (const [script, scenarios] of Object.entries(plans(preset))) {
        for (const w of scenarioWindows(scenarios)) {
          if (w.vus > largest.vus) {
            largest = { script: `${script} (${preset})`, vus: w.vus };
          }
        }
      }
    }
    assert.ok(largest.vus * MIB_PER_VU <= limit, `${largest.script}: ${largest.vus} VUs x ${MIB_PER_VU} MiB > GOMEMLIMIT ${limit} MiB`);
  });

  it('gives every stack of a soak its own minute of grace before an abort', () => {
    const windows = scenarioWindows(plans('slow').soak);
    const thresholds = abortOnErrors(STACKS, windows, 0.05, 60);
    for (const stack of STACKS) {
      const start = windows.find((w) => w.name === stack)?.start ?? -1;
      const [rule] = thresholds[`http_req_failed{stack:${stack},phase:measure}`] ?? [];
      assert.ok(typeof rule === 'object' && rule.abortOnFail === true);
      assert.equal(rule.delayAbortEval, `${start + 60}s`, stack);
    }
    assert.ok((windows.find((w) => w.name === 'virtual')?.start ?? 0) > 3600, 'the third stack starts after an hour');
  });
});
