// The simulator session every load script runs in: setup() checks that every stack is up,
// switches the simulator to the preset under test and zeroes its stats; teardown() prints
// what the simulator saw and restores the profile it found.
import { requireUp } from './preflight.js';
import { describeStats, getProfile, readStats, resetStats, restoreProfile, setPreset } from './simulator.js';

/** @typedef {{ previous: import('./simulator.js').SimulatorProfileState }} SessionData */

/**
 * @param {readonly import('./targets.js').Target[]} targets
 * @param {string} simulator base URL
 * @param {'fast' | 'slow'} preset
 * @returns {SessionData}
 */
export function startSession(targets, simulator, preset) {
  requireUp(targets, simulator);
  const previous = getProfile(simulator);
  setPreset(simulator, preset);
  resetStats(simulator);
  return { previous };
}

/**
 * @param {string} simulator base URL
 * @param {SessionData} data what startSession returned
 */
export function endSession(simulator, data) {
  console.log(describeStats(readStats(simulator)));
  restoreProfile(simulator, data.previous);
}
