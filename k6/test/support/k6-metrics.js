// Stand-in for k6/metrics in node tests: metrics that remember what they were given.
class Metric {
  /** @param {string} name */
  constructor(name) {
    this.name = name;
    /** @type {Array<{ value: number | boolean, tags?: Record<string, string> }>} */
    this.samples = [];
  }

  /** @param {number | boolean} value @param {Record<string, string>} [tags] */
  add(value, tags) {
    this.samples.push({ value, tags });
  }
}
export class Rate extends Metric {}
export class Counter extends Metric {}
export class Gauge extends Metric {}
export class Trend extends Metric {}
