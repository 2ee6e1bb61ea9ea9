// Request builders for the App API. Every request is tagged with its stack, an `endpoint`
// and a `name` (the URL template), so 10,000 customer ids stay one time series.
import http from 'k6/http';
import exec from 'k6/execution';

/** @typedef {import('./targets.js').Target} Target */
/** @typedef {import('k6/http').RefinedResponse<'text'>} Response */
/**
 * @typedef {object} RequestOptions
 * @property {Record<string, string>} [tags] extra tags, e.g. { segment: '400' }
 * @property {string} [timeout] k6 duration, default 60s
 * @property {number[]} [expected] statuses that do not count as http_req_failed (default 2xx/3xx)
 */

/** Seeded customer ids are 1..10000 (see the contract's Database section). */
export const CUSTOMER_COUNT = 10000;

/** @returns {number} a seeded customer id, uniformly at random */
export function randomCustomerId() {
  return 1 + Math.floor(Math.random() * CUSTOMER_COUNT);
}

// Unique per VU and per run: VU id, a random start, a counter.
const keyPrefix = `k6-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
let keySequence = 0;

/** @returns {string} an Idempotency-Key no other request of any run has used */
export function uniqueKey() {
  keySequence += 1;
  return `${keyPrefix}-${exec.vu.idInTest}-${keySequence}`;
}

/**
 * @param {Target} target
 * @param {string} endpoint
 * @param {string} name
 * @param {RequestOptions} options
 * @returns {import('k6/http').Params}
 */
function params(target, endpoint, name, options) {
  /** @type {import('k6/http').Params} */
  const p = {
    headers: { Accept: 'application/json' },
    tags: { stack: target.name, endpoint, name, ...options.tags },
  };
  // Only set what was asked for: k6 reads `responseCallback: undefined` as "no callback", which
  // would stop http_req_failed for the request, and rejects `timeout: undefined`.
  if (options.timeout !== undefined) {
    p.timeout = options.timeout;
  }
  if (options.expected !== undefined) {
    p.responseCallback = http.expectedStatuses(...options.expected);
  }
  return p;
}

/**
 * GET /api/customers/{id}/overview[?trace=true] — the fan-out.
 * @param {Target} target
 * @param {{ customerId?: number, trace?: boolean } & RequestOptions} [options]
 * @returns {Response}
 */
export function overview(target, options = {}) {
  const id = options.customerId ?? randomCustomerId();
  const query = options.trace ? '?trace=true' : '';
  const endpoint = options.trace ? 'overview-trace' : 'overview';
  return http.get(
    `${target.url}/api/customers/${id}/overview${query}`,
    params(target, endpoint, `GET /api/customers/{id}/overview${query}`, options),
  );
}

/**
 * GET /api/fanout?calls=N&latencyMs=L&mode=parallel|sequential
 * @param {Target} target
 * @param {{ calls?: number, latencyMs?: number, mode?: 'parallel' | 'sequential' } & RequestOptions} [options]
 * @returns {Response}
 */
export function fanout(target, options = {}) {
  const { calls = 3, latencyMs = 100, mode = 'parallel' } = options;
  return http.get(
    `${target.url}/api/fanout?calls=${calls}&latencyMs=${latencyMs}&mode=${mode}`,
    params(target, `fanout-${mode}`, `GET /api/fanout?mode=${mode}`, options),
  );
}

/**
 * GET /api/cpu?rounds=N
 * @param {Target} target
 * @param {{ rounds?: number } & RequestOptions} [options]
 * @returns {Response}
 */
export function cpu(target, options = {}) {
  const rounds = options.rounds ?? 1000;
  return http.get(`${target.url}/api/cpu?rounds=${rounds}`, params(target, 'cpu', 'GET /api/cpu', options));
}

/**
 * GET /api/info
 * @param {Target} target
 * @param {RequestOptions} [options]
 * @returns {Response}
 */
export function info(target, options = {}) {
  return http.get(`${target.url}/api/info`, params(target, 'info', 'GET /api/info', options));
}

/**
 * GET /actuator/health
 * @param {Target} target
 * @param {RequestOptions} [options]
 * @returns {Response}
 */
export function health(target, options = {}) {
  return http.get(`${target.url}/actuator/health`, params(target, 'health', 'GET /actuator/health', options));
}

/**
 * GET /actuator/prometheus (text exposition)
 * @param {Target} target
 * @param {RequestOptions} [options]
 * @returns {Response}
 */
export function prometheus(target, options = {}) {
  return http.get(`${target.url}/actuator/prometheus`, {
    ...params(target, 'prometheus', 'GET /actuator/prometheus', options),
    headers: { Accept: 'text/plain' },
  });
}

/**
 * @typedef {{ sku: string, quantity: number, priceCents: number }} OrderItem
 */

/** @returns {OrderItem[]} one or two small items, well under the payments decline limit */
export function sampleItems() {
  const items = [{ sku: 'SKU-0001', quantity: 1 + Math.floor(Math.random() * 3), priceCents: 1999 }];
  if (Math.random() < 0.5) {
    items.push({ sku: 'SKU-0042', quantity: 1, priceCents: 550 });
  }
  return items;
}

/**
 * POST /api/customers/{id}/orders with a unique Idempotency-Key (or the one given, to replay).
 * @param {Target} target
 * @param {{ customerId?: number, key?: string, items?: OrderItem[] } & RequestOptions} [options]
 * @returns {{ key: string, body: string, response: Response }}
 */
export function createOrder(target, options = {}) {
  const id = options.customerId ?? randomCustomerId();
  const key = options.key ?? uniqueKey();
  const body = JSON.stringify({ items: options.items ?? sampleItems() });
  const p = params(target, 'order-create', 'POST /api/customers/{id}/orders', options);
  const response = http.post(`${target.url}/api/customers/${id}/orders`, body, {
    ...p,
    headers: { ...p.headers, 'Content-Type': 'application/json', 'Idempotency-Key': key },
  });
  return { key, body, response };
}
