package dev.fanoutlab.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The overview's meters, the same on every stack so that one query compares them:
 * {@code lab.overview.part} (tags part, outcome) and {@code lab.overview.degraded} (tag
 * part). Each meter is built once and reused: building and registering one on every
 * record costs more than the record itself.
 */
public class OverviewMeters {

	/** The parts that can fall back, each with its degraded counter from the start. */
	public static final List<String> OPTIONAL_PARTS = List.of(CustomerOverview.RECOMMENDATIONS,
			CustomerOverview.LOYALTY, CustomerOverview.SHIPPING);

	private final MeterRegistry registry;

	private final Map<String, Map<String, Timer>> timers = new ConcurrentHashMap<>();

	private final Map<String, Counter> degraded = new ConcurrentHashMap<>();

	public OverviewMeters(MeterRegistry registry) {
		this.registry = registry;
		// registered at 0, so that lab_overview_degraded_total exists in a healthy run
		OPTIONAL_PARTS.forEach(this::degradedCounter);
	}

	/** One part of an overview took this long and ended so ({@link Trace} outcomes). */
	public void record(String part, String outcome, long nanos) {
		Map<String, Timer> byOutcome = this.timers.computeIfAbsent(part, (key) -> new ConcurrentHashMap<>());
		Timer timer = byOutcome.get(outcome);
		if (timer == null) {
			timer = byOutcome.computeIfAbsent(outcome, (key) -> timer(part, key));
		}
		// a Timer refuses negative durations
		timer.record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
	}

	/** An optional part was replaced by its fallback. */
	public void degraded(String part) {
		degradedCounter(part).increment();
	}

	private Counter degradedCounter(String part) {
		return this.degraded.computeIfAbsent(part,
				(key) -> Counter.builder("lab.overview.degraded")
					.description("Optional overview parts replaced by their fallback")
					.tag("part", key)
					.register(this.registry));
	}

	private Timer timer(String part, String outcome) {
		return Timer.builder("lab.overview.part")
			.description("One part of the customer overview, by how it ended")
			.tag("part", part)
			.tag("outcome", outcome)
			.register(this.registry);
	}

}
