package dev.fanoutlab.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code lab.orders.swept{outcome}}: the abandoned claims the sweeper settled
 * ({@code confirmed}, {@code released}) and the ones it could not settle this round
 * ({@code failed}: database or simulator unreachable). The same meter on both stacks.
 */
public final class SweepMeters {

	/** The most claims one sweep settles. */
	public static final int BATCH = 100;

	private final Counter confirmed;

	private final Counter released;

	private final Counter failed;

	public SweepMeters(MeterRegistry registry) {
		this.confirmed = counter(registry, "confirmed");
		this.released = counter(registry, "released");
		this.failed = counter(registry, "failed");
	}

	private static Counter counter(MeterRegistry registry, String outcome) {
		return Counter.builder("lab.orders.swept")
			.description("PENDING claims left by a crashed request, settled by the sweeper")
			.tag("outcome", outcome)
			.register(registry);
	}

	public void confirmed() {
		this.confirmed.increment();
	}

	public void released() {
		this.released.increment();
	}

	public void failed() {
		this.failed.increment();
	}

}
