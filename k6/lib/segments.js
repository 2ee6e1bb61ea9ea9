// One test split over N k6 instances (the k6 operator's TestRun with `parallelism: N`): which
// share of the load this instance runs, derived from k6's execution segments.
// PURE: no k6 import (runner.js reads exec.test.options and hands the strings here).
//
// The operator starts runner i of N with `--execution-segment=i/N:(i+1)/N` and
// `--execution-segment-sequence=0,1/N,...,1`. k6 then splits every scenario by itself:
//   - arrival rates (constant- and ramping-arrival-rate, stage targets too) by the segment's
//     length, exactly: rate x (to - from);
//   - whole numbers (VUs, preAllocatedVUs, maxVUs) by its striping over the sequence
//     (ExecutionTuple.ScaleInt64 in k6's lib/execution_segment.go), so that the N parts add up
//     to the total and differ by at most one.
// This module computes the same numbers, so that each runner reports its own share against its
// own bound, and so that tests can show that N runners add up to the requested load.

/** @typedef {{ num: number, den: number }} Fraction a non-negative rational, reduced */

/**
 * @typedef {object} Runner one instance's place in a split test
 * @property {number} index the position of its segment in the sequence (0 = the first)
 * @property {number} count how many segments the sequence has (1 = the test is not split)
 * @property {string} segment its segment as "from:to"
 * @property {number} share the segment's length, to - from
 * @property {number} lcd least common denominator of the segments' lengths
 * @property {number[]} stripe where its whole numbers fall in each run of `lcd`: the first
 *   position, then the gaps to the next ones (the last gap wraps to the next run's first)
 */

/**
 * @param {number} a
 * @param {number} b
 * @returns {number}
 */
function gcd(a, b) {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * @param {number} num
 * @param {number} den
 * @returns {Fraction}
 */
function fraction(num, den) {
  const d = gcd(num, den);
  return { num: num / d, den: den / d };
}

/**
 * @param {Fraction} a
 * @param {Fraction} b
 * @returns {Fraction} a - b
 */
function minus(a, b) {
  return fraction(a.num * b.den - b.num * a.den, a.den * b.den);
}

/**
 * @param {Fraction} a
 * @param {Fraction} b
 * @returns {number} <0, 0 or >0, as a is below, equal to or above b
 */
function compare(a, b) {
  return a.num * b.den - b.num * a.den;
}

/**
 * @param {Fraction} f
 * @returns {string} "0", "1", "1/4"
 */
function formatFraction(f) {
  return f.den === 1 ? String(f.num) : `${f.num}/${f.den}`;
}

/**
 * Reads a value as k6 writes segments: "1/4", "0.25" or "25%".
 * @param {string} text
 * @returns {Fraction}
 */
export function parseFraction(text) {
  const t = text.trim();
  let result;
  if (/^\d+\/\d+$/.test(t)) {
    const [num, den] = t.split('/').map(Number);
    result = den === 0 ? undefined : fraction(num ?? 0, den ?? 1);
  } else if (/^\d+(\.\d+)?%$/.test(t)) {
    result = decimal(t.slice(0, -1), 100);
  } else if (/^\d+(\.\d+)?$/.test(t)) {
    result = decimal(t, 1);
  }
  if (result === undefined || compare(result, { num: 1, den: 1 }) > 0) {
    throw new Error(`not an execution segment value between 0 and 1: "${text}"`);
  }
  return result;
}

/**
 * @param {string} digits e.g. "0.25"
 * @param {number} scale 1, or 100 for a percentage
 * @returns {Fraction}
 */
function decimal(digits, scale) {
  const [whole = '0', part = ''] = digits.split('.');
  const den = 10 ** part.length * scale;
  return fraction(Number(whole + part), den);
}

/**
 * @param {string} text "from:to", or "to" alone (from 0), as k6's --execution-segment
 * @returns {{ from: Fraction, to: Fraction }}
 */
export function parseSegment(text) {
  const parts = text.split(':');
  if (parts.length > 2) {
    throw new Error(`not an execution segment: "${text}"`);
  }
  const from = parts.length === 2 ? parseFraction(parts[0] ?? '') : { num: 0, den: 1 };
  const to = parseFraction(parts[parts.length - 1] ?? '');
  if (compare(from, to) >= 0) {
    throw new Error(`execution segment "${text}" is empty`);
  }
  return { from, to };
}

/**
 * The boundaries of every segment, from 0 to 1, as k6 fills them: the sequence given, or
 * 0, from, to, 1 around a lone segment.
 * @param {{ from: Fraction, to: Fraction } | undefined} segment
 * @param {string | null | undefined} sequence
 * @returns {Fraction[]}
 */
function boundaries(segment, sequence) {
  /** @type {Fraction[]} */
  let points =
    sequence === null || sequence === undefined || sequence.trim() === ''
      ? segment === undefined
        ? []
        : [segment.from, segment.to]
      : sequence.split(',').map(parseFraction);
  for (let i = 1; i < points.length; i++) {
    if (compare(/** @type {Fraction} */ (points[i - 1]), /** @type {Fraction} */ (points[i])) >= 0) {
      throw new Error(`execution segment sequence "${sequence}" is not strictly increasing`);
    }
  }
  const zero = { num: 0, den: 1 };
  const one = { num: 1, den: 1 };
  if (points.length === 0 || compare(/** @type {Fraction} */ (points[0]), zero) !== 0) {
    points = [zero, ...points];
  }
  if (compare(/** @type {Fraction} */ (points[points.length - 1]), one) !== 0) {
    points = [...points, one];
  }
  return points;
}

/**
 * k6's striping: hands out positions 0..lcd-1 to the segments in proportion to their lengths,
 * biggest segment first, each position to the first segment that is due one, so that each
 * segment's positions are spread out. Returns, per segment, its first position and the gaps.
 * @param {Fraction[]} lengths
 * @returns {{ lcd: number, stripes: number[][] }}
 */
function stripes(lengths) {
  const lcd = lengths.reduce((l, f) => (l * f.den) / gcd(l, f.den), 1);
  const byLength = lengths
    .map((f, index) => ({ numerator: f.num * (lcd / f.den), index }))
    .sort((a, b) => b.numerator - a.numerator); // stable: equal lengths keep their order
  /** @type {number[][]} */
  const result = lengths.map(() => []);
  const previous = lengths.map(() => 0);
  const taken = byLength.map(() => 0);
  for (let position = 0; position < lcd; position++) {
    for (let s = 0; s < byLength.length; s++) {
      const { numerator, index } = /** @type {{ numerator: number, index: number }} */ (byLength[s]);
      const due = (taken[s] ?? 0) * lcd;
      const dueAt = Math.floor(due / numerator);
      if (position > dueAt || (position === dueAt && due % numerator === 0)) {
        taken[s] = (taken[s] ?? 0) + 1;
        const own = /** @type {number[]} */ (result[index]);
        own.push(position - (previous[index] ?? 0));
        previous[index] = position;
        if (own.length === numerator) {
          own.push((own[0] ?? 0) + lcd - position);
        }
        break;
      }
    }
  }
  return { lcd, stripes: result };
}

/**
 * This instance's place in the split, from k6's `executionSegment` and
 * `executionSegmentSequence` options (exec.test.options; null when the test is not split).
 * @param {string | null | undefined} segment
 * @param {string | null | undefined} sequence
 * @returns {Runner}
 */
export function runnerOf(segment, sequence) {
  const own = segment === null || segment === undefined || segment.trim() === '' ? undefined : parseSegment(segment);
  // no segment: the whole test, whatever the sequence says
  const points = boundaries(own, own === undefined ? undefined : sequence);
  const from = own?.from ?? { num: 0, den: 1 };
  const to = own?.to ?? { num: 1, den: 1 };
  const index = points.findIndex((p, i) => i + 1 < points.length && compare(p, from) === 0 && compare(/** @type {Fraction} */ (points[i + 1]), to) === 0);
  if (own !== undefined && index < 0) {
    throw new Error(`execution segment "${segment}" is not in the sequence "${sequence}"`);
  }
  const lengths = points.slice(1).map((p, i) => minus(p, /** @type {Fraction} */ (points[i])));
  const { lcd, stripes: all } = stripes(lengths);
  const at = Math.max(index, 0);
  return {
    index: at,
    count: lengths.length,
    segment: `${formatFraction(from)}:${formatFraction(to)}`,
    share: minus(to, from).num / minus(to, from).den,
    lcd,
    stripe: all[at] ?? [0, 1],
  };
}

/** The whole test on one instance. */
export const WHOLE_TEST = Object.freeze(runnerOf(undefined, undefined));

/**
 * This runner's part of a whole number of VUs, as k6 computes it (ExecutionTuple.ScaleInt64):
 * the parts of all runners add up to `value`.
 * @param {Runner} runner
 * @param {number} value a non-negative integer
 * @returns {number}
 */
export function scaleCount(runner, value) {
  if (runner.count === 1) {
    return value;
  }
  const [first = 0, ...gaps] = runner.stripe;
  let result = Math.floor(value / runner.lcd) * gaps.length;
  for (let g = 0, position = first; position < value % runner.lcd; position += gaps[g] ?? runner.lcd, g++) {
    result++;
  }
  return result;
}

/**
 * This runner's part of an arrival rate: k6 scales rates by the segment's length, exactly.
 * @param {Runner} runner
 * @param {number} rate iterations per time unit
 * @returns {number}
 */
export function scaleRate(runner, rate) {
  return runner.count === 1 ? rate : rate * runner.share;
}

/**
 * The runner that owns the simulator session (sets the preset, resets and reports the stats,
 * restores the profile): the first segment's. The others only wait for the preset.
 * @param {Runner} runner
 * @returns {boolean}
 */
export function isLeader(runner) {
  return runner.index === 0;
}

/**
 * @param {Runner} runner
 * @returns {string} e.g. "runner 2 of 4 (segment 1/4:1/2)"; empty when the test is not split
 */
export function runnerLabel(runner) {
  return runner.count === 1 ? '' : `runner ${runner.index + 1} of ${runner.count} (segment ${runner.segment})`;
}

/**
 * @typedef {object} ScenarioShare what one runner runs of a scenario (k6 does the split; this mirrors it)
 * @property {number} [rate]
 * @property {number} [startRate]
 * @property {{ target: number, duration: string }[]} [stages]
 * @property {number} [preAllocatedVUs]
 * @property {number} [maxVUs]
 * @property {number} [vus]
 */

/**
 * The part of a scenario (as profiles.js builds them) that one runner runs.
 * @param {Runner} runner
 * @param {import('./profiles.js').ScenarioConfig} scenario
 * @returns {ScenarioShare}
 */
export function scenarioShare(runner, scenario) {
  /** @type {ScenarioShare} */
  const share = {};
  if (scenario.rate !== undefined) share.rate = scaleRate(runner, scenario.rate);
  if (scenario.startRate !== undefined) share.startRate = scaleRate(runner, scenario.startRate);
  if (scenario.stages !== undefined) share.stages = scenario.stages.map((s) => ({ target: scaleRate(runner, s.target), duration: s.duration }));
  if (scenario.preAllocatedVUs !== undefined) share.preAllocatedVUs = scaleCount(runner, scenario.preAllocatedVUs);
  if (scenario.maxVUs !== undefined) share.maxVUs = scaleCount(runner, scenario.maxVUs);
  if (scenario.vus !== undefined) share.vus = scaleCount(runner, scenario.vus);
  return share;
}

/**
 * The report of one runner: its rows offered its share of the rate (open model) or ran its
 * share of the VUs (closed), so "of bound" compares what it served with what it was given.
 * Unchanged when the test is not split.
 * @param {import('./compare.js').ReportSpec} spec
 * @param {Runner} runner
 * @returns {import('./compare.js').ReportSpec}
 */
export function runnerReport(spec, runner) {
  if (runner.count === 1) {
    return spec;
  }
  return {
    ...spec,
    script: `${spec.script}-runner${runner.index + 1}of${runner.count}`,
    title: `${spec.title}, ${runnerLabel(runner)}`,
    rows: spec.rows.map((row) => ({
      ...row,
      ...(row.offeredRate === undefined ? {} : { offeredRate: scaleRate(runner, row.offeredRate) }),
      ...(row.concurrency === undefined ? {} : { concurrency: scaleCount(runner, row.concurrency) }),
    })),
  };
}
