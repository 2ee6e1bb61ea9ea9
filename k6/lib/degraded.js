// The share of overview 200s that carry a non-empty `degraded`: a stack that answers fast with
// fallbacks is not healthy, so every report shows this next to errors and latency.
// k6 side (declares a metric); the report reads it with degradedRate() in compare.js.
import { Rate } from 'k6/metrics';

import { DEGRADED_METRIC } from './thresholds.js';

// one sample per overview answered 200, true when `degraded` is non-empty

const degraded = new Rate(DEGRADED_METRIC);

/**
 * @param {Record<string, unknown> | null} body the parsed 200 body (null when unparsable: not counted)
 * @param {Record<string, string>} tags the same tags as the request's checks (stack comes from the scenario)
 */
export function recordDegraded(body, tags) {
  if (body !== null && Array.isArray(body.degraded)) {
    degraded.add(body.degraded.length > 0, tags);
  }
}
