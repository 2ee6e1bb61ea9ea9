// The simulator session and the report when one test runs on N k6 instances (the k6 operator's
// TestRun with `parallelism: N`, docs/kubernetes.md). The operator runs setup() and teardown()
// on every runner, so without this each runner would switch the preset, reset the stats while
// the others already send load, and put back a profile that another runner had just changed.
// Here the first segment's runner owns the session; the others check the stacks and wait until
// the simulator shows the preset. On one k6 (no execution segment) it is exactly session.js.
//
// SIMULATOR_REPLICAS > 1 (a scaled-out simulator behind one Service): PUT /admin/profile would
// reach one replica only, so no runner changes the profile; each checks that it is
// already PROFILE (set by LAB_SIMULATOR_PRESET) and aborts otherwise.
import exec from 'k6/execution';
import { sleep } from 'k6';

import { requireUp } from './preflight.js';
import { summaryHandler } from './report.js';
import { isLeader, runnerLabel, runnerOf, runnerReport, WHOLE_TEST } from './segments.js';
import { endSession, startSession } from './session.js';
import { describeStats, getProfile, readStats } from './simulator.js';
import { envNumber } from './env.js';

/**
 * @typedef {object} RunnerSessionData what setup() returns: the session, and which runner ran it
 * @property {import('./simulator.js').SimulatorProfileState | null} previous the profile to put back (leader only)
 * @property {string | null} segment exec.test.options.executionSegment
 * @property {string | null} sequence exec.test.options.executionSegmentSequence
 */

/** How long a follower waits for the leader to switch the preset (within k6's 60 s setupTimeout). */
const PRESET_WAIT_SECONDS = 45;

/** @returns {{ segment: string | null, sequence: string | null }} */
function segmentOptions() {
  const options = exec.test.options;
  return { segment: options.executionSegment ?? null, sequence: options.executionSegmentSequence ?? null };
}

/**
 * setup(): the whole session on the leader, a check and a wait on the others.
 * @param {readonly import('./targets.js').Target[]} targets
 * @param {string} simulator base URL
 * @param {'fast' | 'slow'} preset
 * @returns {RunnerSessionData}
 */
export function startRunnerSession(targets, simulator, preset) {
  const { segment, sequence } = segmentOptions();
  const runner = runnerOf(segment, sequence);
  const label = runnerLabel(runner);
  if (envNumber(__ENV, 'SIMULATOR_REPLICAS', 1) > 1) {
    requireUp(targets, simulator);
    const found = getProfile(simulator).preset;
    if (found !== preset) {
      exec.test.abort(
        `the simulator runs preset "${found}", the run asks for "${preset}": with several simulator replicas set LAB_SIMULATOR_PRESET=${preset} in fanout-lab-config and restart them (docs/kubernetes.md)`,
      );
    }
    return { previous: null, segment, sequence };
  }
  if (isLeader(runner)) {
    if (label !== '') console.log(`${label}: owns the simulator session`);
    return { ...startSession(targets, simulator, preset), segment, sequence };
  }
  requireUp(targets, simulator);
  for (let waited = 0; getProfile(simulator).preset !== preset; waited++) {
    if (waited >= PRESET_WAIT_SECONDS) {
      exec.test.abort(`${label}: the simulator did not switch to "${preset}" within ${PRESET_WAIT_SECONDS} s; is runner 1 running?`);
    }
    sleep(1);
  }
  return { previous: null, segment, sequence };
}

/**
 * teardown(): the leader reports the simulator's stats and puts back the profile it found.
 * @param {string} simulator base URL
 * @param {RunnerSessionData} data
 */
export function endRunnerSession(simulator, data) {
  if (data.previous !== null) {
    endSession(simulator, { previous: data.previous });
  } else if (isLeader(runnerOf(data.segment, data.sequence)) && envNumber(__ENV, 'SIMULATOR_REPLICAS', 1) <= 1) {
    console.log(describeStats(readStats(simulator)));
  }
}

/**
 * handleSummary for a script that may run split: each runner reports its own share of the load
 * (its rows offered rate x segment length), in results/<script>-runnerIofN-<timestamp>.*.
 * @param {import('./compare.js').ReportSpec} spec
 * @returns {(data: import('./summary.js').SummaryData) => Record<string, string>}
 */
export function runnerSummaryHandler(spec) {
  return (data) => summaryHandler(runnerReport(spec, summaryRunner(data)))(data);
}

/**
 * Which runner is summarising: from setup()'s data when k6 hands it to handleSummary, else from
 * the options, else the whole test.
 * @param {import('./summary.js').SummaryData} data
 * @returns {import('./segments.js').Runner}
 */
function summaryRunner(data) {
  const setup = /** @type {Partial<RunnerSessionData> | undefined} */ (data.setup_data);
  if (setup?.segment) {
    return runnerOf(setup.segment, setup.sequence);
  }
  try {
    const { segment, sequence } = segmentOptions();
    return runnerOf(segment, sequence);
  } catch {
    return WHOLE_TEST; // no options outside a VU: a run on one k6 has no segment anyway
  }
}
