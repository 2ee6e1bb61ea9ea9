// Stand-in for the k6 module in node tests.
/** @param {unknown} value @param {Record<string, (v: unknown) => boolean>} sets */
export function check(value, sets) {
  return Object.values(sets).every((f) => f(value));
}
/** @param {string} _name @param {() => unknown} fn */
export function group(_name, fn) {
  return fn();
}
/** @param {string} message */
export function fail(message) {
  throw new Error(message);
}
export default { check, group, fail };
