// The simulator's admin API: set the preset a run needs in setup(), put back the one found
// in teardown(), read its stats (peak in flight is what Little's law predicts).
import http from 'k6/http';
import { isObject, jsonBody } from './checks.js';

/** @typedef {import('./checks.js').Json} Json */
/** @typedef {{ preset: string, services: Json }} SimulatorProfileState */

const ADMIN = { tags: { endpoint: 'simulator-admin', name: 'simulator admin' }, headers: { Accept: 'application/json' } };
const JSON_ADMIN = { ...ADMIN, headers: { ...ADMIN.headers, 'Content-Type': 'application/json' } };

/**
 * @param {import('k6/http').RefinedResponse<'text'>} res
 * @param {string} what
 * @returns {Json}
 */
function expectJson(res, what) {
  const body = jsonBody(res);
  if (res.status !== 200 || body === null) {
    throw new Error(`simulator ${what}: HTTP ${res.status} ${res.error ?? ''}`.trim());
  }
  return body;
}

/**
 * GET /admin/profile
 * @param {string} baseUrl
 * @returns {SimulatorProfileState}
 */
export function getProfile(baseUrl) {
  const body = expectJson(http.get(`${baseUrl}/admin/profile`, ADMIN), 'GET /admin/profile');
  return { preset: String(body.preset), services: isObject(body.services) ? body.services : {} };
}

/**
 * PUT /admin/profile {"preset": ...}; the change applies at once.
 * @param {string} baseUrl
 * @param {'fast' | 'slow'} preset
 * @returns {SimulatorProfileState}
 */
export function setPreset(baseUrl, preset) {
  const res = http.put(`${baseUrl}/admin/profile`, JSON.stringify({ preset }), JSON_ADMIN);
  const body = expectJson(res, `PUT /admin/profile ${preset}`);
  return { preset: String(body.preset), services: isObject(body.services) ? body.services : {} };
}

/**
 * Puts back a profile read earlier: a named preset as such, a custom one by merging its services.
 * @param {string} baseUrl
 * @param {SimulatorProfileState} previous
 */
export function restoreProfile(baseUrl, previous) {
  const payload =
    previous.preset === 'fast' || previous.preset === 'slow' ? { preset: previous.preset } : { services: previous.services };
  expectJson(http.put(`${baseUrl}/admin/profile`, JSON.stringify(payload), JSON_ADMIN), 'PUT /admin/profile (restore)');
}

/**
 * GET /admin/stats
 * @param {string} baseUrl
 * @returns {Json}
 */
export function readStats(baseUrl) {
  return expectJson(http.get(`${baseUrl}/admin/stats`, ADMIN), 'GET /admin/stats');
}

/**
 * POST /admin/stats/reset, so peakInFlight covers this run only.
 * @param {string} baseUrl
 */
export function resetStats(baseUrl) {
  const res = http.post(`${baseUrl}/admin/stats/reset`, null, ADMIN);
  if (res.status >= 300) {
    throw new Error(`simulator POST /admin/stats/reset: HTTP ${res.status}`);
  }
}

/**
 * One line for the log: total requests and peak in flight since the last reset.
 * @param {Json} stats
 * @returns {string}
 */
export function describeStats(stats) {
  const total = isObject(stats.total) ? stats.total : {};
  return `simulator: ${String(total.requests ?? '?')} requests, peak in flight ${String(total.peakInFlight ?? '?')}, failures injected ${String(total.failuresInjected ?? '?')}, cancelled ${String(total.cancelled ?? '?')}`;
}
