// Checks shared by the scripts: status, the X-Lab-Stack header, and the JSON shape the
// contract promises. A fast wrong answer is not a success, so load runs check shape too.
import { check } from 'k6';

import { recordDegraded } from './degraded.js';

/** @typedef {import('k6/http').RefinedResponse<'text'>} Response */
/** @typedef {Record<string, unknown>} Json */

/**
 * The body as a JSON object, or null (never throws: an exception inside a check would end the
 * iteration and hide the very failure being measured).
 * @param {Response} res
 * @returns {Json | null}
 */
export function jsonBody(res) {
  try {
    const value = res.json();
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? /** @type {Json} */ (value) : null;
  } catch {
    return null;
  }
}

/**
 * @param {unknown} value
 * @returns {value is Json}
 */
export function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * @param {Response} res
 * @param {string} stack
 * @returns {boolean}
 */
export function servedBy(res, stack) {
  return res.headers['X-Lab-Stack'] === stack;
}

/**
 * @param {Json | null} body
 * @param {number} customerId
 * @returns {boolean}
 */
export function isOverview(body, customerId) {
  return (
    body !== null &&
    isObject(body.customer) &&
    body.customer.id === customerId &&
    Array.isArray(body.orders) &&
    body.orders.length <= 5 &&
    Array.isArray(body.recommendations) &&
    Array.isArray(body.degraded) &&
    'latestShipment' in body &&
    'loyalty' in body
  );
}

/**
 * The load scripts' check on an overview: 200, right stack, right shape; a 200 also counts
 * toward the stack's degraded share (overview_degraded).
 * @param {Response} res
 * @param {string} stack
 * @param {number} customerId
 * @param {Record<string, string>} [tags]
 * @returns {boolean}
 */
export function checkOverview(res, stack, customerId, tags = {}) {
  const body = res.status === 200 ? jsonBody(res) : null;
  if (res.status === 200) {
    recordDegraded(body, { stack, ...tags });
  }
  return check(
    res,
    {
      'overview: status 200': (r) => r.status === 200,
      'overview: X-Lab-Stack matches': (r) => servedBy(r, stack),
      'overview: JSON shape': () => isOverview(body, customerId),
    },
    tags,
  );
}

/**
 * An RFC 9457 problem with the given status.
 * @param {Response} res
 * @param {number} status
 * @returns {boolean}
 */
export function isProblem(res, status) {
  const body = jsonBody(res);
  return (
    res.status === status &&
    String(res.headers['Content-Type'] ?? '').startsWith('application/problem+json') &&
    body !== null &&
    body.status === status &&
    typeof body.title === 'string'
  );
}
