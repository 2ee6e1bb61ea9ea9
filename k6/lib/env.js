// Reading k6's __ENV (or Node's process.env in tests) into typed values.
// PURE: no k6 import, so Node's test runner can load it.

/** @typedef {Readonly<Record<string, string | undefined>>} Env */

const DURATION_PART = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
/** @type {Readonly<Record<string, number>>} */
const UNIT_SECONDS = { ms: 0.001, s: 1, m: 60, h: 3600 };

/**
 * Parses a k6-style duration ("90s", "1m30s", "500ms", "2h") or a bare number of seconds.
 * @param {string} text
 * @returns {number} seconds
 */
export function parseDuration(text) {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    return Number(trimmed);
  }
  let seconds = 0;
  let consumed = '';
  for (const match of trimmed.matchAll(DURATION_PART)) {
    seconds += Number(match[1]) * (UNIT_SECONDS[match[2] ?? ''] ?? Number.NaN);
    consumed += match[0];
  }
  if (consumed.length === 0 || consumed !== trimmed) {
    throw new Error(`not a duration: "${text}" (use e.g. 90s, 1m30s, 500ms)`);
  }
  return seconds;
}

/**
 * Formats seconds as a k6 duration string, exact to the millisecond.
 * @param {number} seconds
 * @returns {string}
 */
export function formatDuration(seconds) {
  const ms = Math.round(seconds * 1000);
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/**
 * @param {Env} env
 * @param {string} name
 * @returns {string | undefined} the trimmed value, or undefined when unset or blank
 */
export function envString(env, name) {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/**
 * @param {Env} env
 * @param {string} name
 * @param {number} fallback
 * @returns {number}
 */
export function envNumber(env, name, fallback) {
  const raw = envString(env, name);
  if (raw === undefined) {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  }
  return value;
}

/**
 * @param {Env} env
 * @param {string} name
 * @param {number} fallbackSeconds
 * @returns {number} seconds
 */
export function envDuration(env, name, fallbackSeconds) {
  const raw = envString(env, name);
  if (raw === undefined) {
    return fallbackSeconds;
  }
  try {
    return parseDuration(raw);
  } catch (e) {
    throw new Error(`${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * @param {Env} env
 * @param {string} name
 * @param {readonly number[]} fallback
 * @returns {number[]}
 */
export function envNumberList(env, name, fallback) {
  const raw = envString(env, name);
  if (raw === undefined) {
    return [...fallback];
  }
  const values = raw.split(',').map((part) => Number(part.trim()));
  if (values.length === 0 || values.some((v) => !Number.isFinite(v) || v <= 0)) {
    throw new Error(`${name} must be a comma-separated list of positive numbers, got "${raw}"`);
  }
  return values;
}
