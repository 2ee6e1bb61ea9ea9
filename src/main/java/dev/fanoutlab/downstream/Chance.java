package dev.fanoutlab.downstream;

import java.util.Random;

import org.springframework.stereotype.Component;

/**
 * The simulator's only randomness. With {@code lab.simulator.seed} set, the same calls in
 * the same order fail in the same way on every run. Failures and jitter draw from
 * separate sources, so adding jitter does not change which calls fail. {@link Random} is
 * thread-safe and lock-free (a CAS on its seed).
 */
@Component
class Chance {

	private final Random failures;

	private final Random jitter;

	Chance(SimulatorProperties properties) {
		Long seed = properties.seed();
		this.failures = (seed != null) ? new Random(seed) : new Random();
		this.jitter = (seed != null) ? new Random(~seed) : new Random();
	}

	boolean fails(double failRate) {
		if (failRate <= 0) {
			return false;
		}
		return failRate >= 1 || this.failures.nextDouble() < failRate;
	}

	/** A uniform draw in {@code [0, maxMs]}. */
	long jitterMs(long maxMs) {
		return (maxMs <= 0) ? 0 : this.jitter.nextLong(maxMs + 1);
	}

}
