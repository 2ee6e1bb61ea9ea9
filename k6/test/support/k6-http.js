// Stand-in for k6/http in node tests: records every request and answers 200 with a JSON body.
/** @type {Array<{ method: string, url: string, params: any }>} */
export const sent = [];

/** @param {string} method @param {string} url @param {any} params */
function record(method, url, params) {
  sent.push({ method, url, params: params ?? {} });
  const body = JSON.stringify({ preset: 'slow', services: {}, status: 'UP', total: { requests: 0 } });
  return { status: 200, body, headers: {}, error: '', json: () => JSON.parse(body) };
}

export default {
  /** @param {string} url @param {any} [params] */
  get: (url, params) => record('GET', url, params),
  /** @param {string} url @param {any} _body @param {any} [params] */
  post: (url, _body, params) => record('POST', url, params),
  /** @param {string} url @param {any} _body @param {any} [params] */
  put: (url, _body, params) => record('PUT', url, params),
  /** @param {...number} statuses */
  expectedStatuses: (...statuses) => ({ statuses }),
};
