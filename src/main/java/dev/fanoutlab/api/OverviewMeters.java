package dev.fanoutlab.api;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The overview's meters, the same on every stack so that one query compares them:
 * {@code lab.overview.part} (tags part, outcome) and {@code lab.overview.degraded} (tag
 * part).
 */
public class OverviewMeters {

	private final MeterRegistry registry;

	public OverviewMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	/** One part of an overview took this long and ended so ({@link Trace} outcomes). */
	public void record(String part, String outcome, long nanos) {
		Timer.builder("lab.overview.part")
			.description("One part of the customer overview, by how it ended")
			.tag("part", part)
			.tag("outcome", outcome)
			.register(this.registry)
			.record(Math.max(0, nanos), TimeUnit.NANOSECONDS); // a Timer refuses negative
																// durations
	}

	/** An optional part was replaced by its fallback. */
	public void degraded(String part) {
		Counter.builder("lab.overview.degraded")
			.description("Optional overview parts replaced by their fallback")
			.tag("part", part)
			.register(this.registry)
			.increment();
	}

}
