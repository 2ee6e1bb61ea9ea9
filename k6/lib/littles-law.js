// Little's law, L = lambda x W, in the three forms the scripts need.
// PURE: no k6 import.
//
//   L      requests in flight (concurrency: VUs, threads, connections)
//   lambda throughput, requests per second
//   W      time each request spends in the system, seconds
//
// The floor for W is the critical path of the overview: the longest chain of waits the
// simulator imposes (recommendations 120 ms under `fast`, the dependent orders -> shipping
// chain being shorter), 600 ms under `slow`. No stack can answer faster, so:
//   closed model (N clients, each sends again as soon as it has an answer):
//     throughput bound = N / W_min
//   open model (requests arrive at a fixed rate, whatever the answers do):
//     the bound is the offered rate itself; the concurrency a stack must hold to keep up
//     is lambda x W_min, and more as its latency grows.

/**
 * Closed model: the most requests/s N clients can get when every request takes at least latencyMs.
 * @param {number} concurrency clients (VUs) looping without think time
 * @param {number} latencyMs critical-path latency
 * @returns {number} requests per second
 */
export function throughputBound(concurrency, latencyMs) {
  if (latencyMs <= 0) {
    throw new Error('latencyMs must be positive');
  }
  return concurrency / (latencyMs / 1000);
}

/**
 * Open model: the mean number of requests in flight at a given rate and latency.
 * @param {number} ratePerSecond
 * @param {number} latencyMs
 * @returns {number}
 */
export function concurrencyFor(ratePerSecond, latencyMs) {
  return ratePerSecond * (latencyMs / 1000);
}

/**
 * VUs a k6 arrival-rate scenario needs: rate x expected latency x headroom, at least 1.
 * @param {number} ratePerSecond
 * @param {number} latencyMs
 * @param {number} headroom multiplier above the Little's-law mean (>= 1)
 * @returns {number}
 */
export function vusFor(ratePerSecond, latencyMs, headroom) {
  return Math.max(1, Math.ceil(concurrencyFor(ratePerSecond, latencyMs) * Math.max(1, headroom)));
}

/**
 * @param {number} achieved
 * @param {number} bound
 * @returns {number | undefined} achieved / bound, or undefined when the bound is not positive
 */
export function shareOf(achieved, bound) {
  return bound > 0 ? achieved / bound : undefined;
}
