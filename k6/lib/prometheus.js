// Reading one value out of a Prometheus text exposition (/actuator/prometheus).
// PURE: no k6 import.

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/**
 * Sums the samples of `name` whose labels include every pair in `labels`
 * (e.g. jvm_memory_used_bytes{area="heap"} summed over the heap pools).
 * @param {string} text the exposition
 * @param {string} name metric name
 * @param {Readonly<Record<string, string>>} [labels]
 * @returns {number | undefined} the sum, or undefined when no sample matched
 */
export function sumSamples(text, name, labels = {}) {
  /** @type {number | undefined} */
  let sum;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) {
      continue;
    }
    const match = SAMPLE.exec(line.trim());
    if (match === null || match[1] !== name) {
      continue;
    }
    /** @type {Record<string, string>} */
    const found = {};
    for (const label of (match[2] ?? '').matchAll(LABEL)) {
      found[label[1] ?? ''] = label[2] ?? '';
    }
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) {
      const value = Number(match[3]);
      if (Number.isFinite(value)) {
        sum = (sum ?? 0) + value;
      }
    }
  }
  return sum;
}

/** k6 gauges the soak test records per stack, tagged { stack, moment: start|end }. */
export const HEAP_USED_GAUGE = 'lab_heap_used_bytes';
export const LIVE_DATA_GAUGE = 'lab_gc_live_data_bytes';
export const MOMENTS = Object.freeze(['start', 'end']);

/**
 * Heap in use (all heap pools; noisy, it saw-tooths with every GC) and the live data the last
 * major GC kept (the number that grows if something leaks).
 * @param {string} text a stack's /actuator/prometheus
 * @returns {{ heapUsed: number | undefined, liveData: number | undefined }}
 */
export function heapReadings(text) {
  return {
    heapUsed: sumSamples(text, 'jvm_memory_used_bytes', { area: 'heap' }),
    liveData: sumSamples(text, 'jvm_gc_live_data_size_bytes'),
  };
}
