// Fail fast: a run against a stack that is down measures nothing but connection errors.
import http from 'k6/http';
import exec from 'k6/execution';

/** @typedef {import('./targets.js').Target} Target */

/**
 * Aborts the whole test (exit code 108) unless every stack reports UP on /actuator/health and
 * the simulator answers /admin/profile. Call from setup().
 * @param {readonly Target[]} targets
 * @param {string | undefined} simulatorUrl omit when the script does not touch the simulator
 */
export function requireUp(targets, simulatorUrl) {
  /** @type {string[]} */
  const down = [];
  for (const target of targets) {
    const res = http.get(`${target.url}/actuator/health`, { timeout: '5s', tags: { endpoint: 'preflight', name: 'preflight' } });
    if (res.status !== 200 || !String(res.body ?? '').includes('"UP"')) {
      down.push(`${target.name} at ${target.url} (health: ${res.status === 0 ? res.error : `HTTP ${res.status}`})`);
    }
  }
  if (simulatorUrl !== undefined) {
    const res = http.get(`${simulatorUrl}/admin/profile`, { timeout: '5s', tags: { endpoint: 'preflight', name: 'preflight' } });
    if (res.status !== 200) {
      down.push(`simulator at ${simulatorUrl} (${res.status === 0 ? res.error : `HTTP ${res.status}`})`);
    }
  }
  if (down.length > 0) {
    exec.test.abort(
      `not reachable: ${down.join('; ')}. Start the lab (./mvnw spring-boot:run) or point REACTIVE_URL, BLOCKING_URL, VIRTUAL_URL, SIMULATOR_URL at it; STACKS selects a subset.`,
    );
  }
}
