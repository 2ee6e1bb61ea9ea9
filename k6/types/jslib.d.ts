// k6 loads these modules from jslib.k6.io at run time; TypeScript only needs their shape.

declare module 'https://jslib.k6.io/k6-summary/0.1.0/index.js' {
  /** k6's end-of-test text summary, for scripts that define handleSummary. */
  export function textSummary(data: unknown, options?: { indent?: string; enableColors?: boolean }): string;
  /** The summary as JUnit XML. */
  export function jUnit(data: unknown, options?: { name?: string; classname?: string }): string;
}
