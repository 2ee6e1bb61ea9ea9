// Where the stacks and the simulator listen. One env var per URL; STACKS picks a subset.
// PURE: no k6 import.
import { envString } from './env.js';

/** @typedef {'reactive' | 'blocking' | 'virtual'} StackName */
/** @typedef {{ name: StackName, url: string }} Target */

/** @type {readonly StackName[]} */
export const ALL_STACKS = Object.freeze(['reactive', 'blocking', 'virtual']);

/** The lab's default ports (see the contract's role table). */
export const DEFAULT_URLS = Object.freeze({
  reactive: 'http://localhost:8081',
  blocking: 'http://localhost:8082',
  virtual: 'http://localhost:8083',
  simulator: 'http://localhost:8090',
});

const URL_VARS = Object.freeze({
  reactive: 'REACTIVE_URL',
  blocking: 'BLOCKING_URL',
  virtual: 'VIRTUAL_URL',
});

/**
 * @param {string} url
 * @returns {string} the URL without trailing slashes
 */
function trimSlash(url) {
  return url.replace(/\/+$/, '');
}

/**
 * @param {string} name
 * @returns {name is StackName}
 */
export function isStackName(name) {
  return /** @type {readonly string[]} */ (ALL_STACKS).includes(name);
}

/**
 * The stacks to drive, in the order given by STACKS (default: reactive, blocking, virtual).
 * @param {import('./env.js').Env} env
 * @returns {Target[]}
 */
export function resolveStacks(env) {
  const selected = envString(env, 'STACKS');
  const names = selected === undefined ? [...ALL_STACKS] : selected.split(',').map((s) => s.trim().toLowerCase());
  /** @type {Target[]} */
  const targets = [];
  for (const name of names) {
    if (!isStackName(name)) {
      throw new Error(`STACKS: unknown stack "${name}"; choose from ${ALL_STACKS.join(', ')}`);
    }
    if (targets.some((t) => t.name === name)) {
      throw new Error(`STACKS: "${name}" is listed twice`);
    }
    targets.push({ name, url: trimSlash(envString(env, URL_VARS[name]) ?? DEFAULT_URLS[name]) });
  }
  if (targets.length === 0) {
    throw new Error('STACKS selects no stack');
  }
  return targets;
}

/**
 * @param {import('./env.js').Env} env
 * @returns {string} the simulator's base URL (SIMULATOR_URL)
 */
export function simulatorUrl(env) {
  return trimSlash(envString(env, 'SIMULATOR_URL') ?? DEFAULT_URLS.simulator);
}

/**
 * The target a scenario drives (see profiles.stackOfScenario for the naming).
 * @param {readonly Target[]} targets
 * @param {string} stack
 * @returns {Target}
 */
export function targetNamed(targets, stack) {
  const target = targets.find((t) => t.name === stack);
  if (target === undefined) {
    throw new Error(`no target for stack "${stack}"`);
  }
  return target;
}
