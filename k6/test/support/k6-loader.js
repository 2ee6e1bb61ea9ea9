// Node module hooks for the tests: `k6/...` imports resolve to the recording stand-ins beside
// this file, so modules that build requests can run under node --test.
const STUBS = new Set(['k6', 'k6/http', 'k6/execution', 'k6/metrics']);

/**
 * @param {string} specifier
 * @param {{ parentURL?: string }} context
 * @param {(specifier: string, context: object) => Promise<{ url: string }>} next
 */
export async function resolve(specifier, context, next) {
  if (STUBS.has(specifier)) {
    return { url: new URL(`./${specifier.replace('/', '-')}.js`, import.meta.url).href, shortCircuit: true };
  }
  return next(specifier, context);
}
