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
 * {@code lab.overview.part} (tags part, outcome), {@code lab.overview.degraded} (tag
 * part) and {@code lab.overview.answers} (tag degraded: true or false, one count per
 * overview answered 200, so that the share of degraded answers is exact, where the
 * per-part counter cannot tell how many answers its parts fell on). Each meter is built
 * once and reused: building and registering one on every record costs more than the
 * record itself.
 */
public class OverviewMeters {

	/** The parts that can fall back, each with its degraded counter from the start. */
	public static final List<String> OPTIONAL_PARTS = List.of(CustomerOverview.RECOMMENDATIONS,
			CustomerOverview.LOYALTY, CustomerOverview.SHIPPING);

	private final MeterRegistry registry;

	private final Map<String, Map<String, Timer>> timers = new ConcurrentHashMap<>();

	private final Map<String, Counter> degraded = new ConcurrentHashMap<>();

	private final Counter answeredWhole;

	private final Counter answeredDegraded;

	public OverviewMeters(MeterRegistry registry) {
		this.registry = registry;
		// registered at 0, so that lab_overview_degraded_total exists in a healthy run
		OPTIONAL_PARTS.forEach(this::degradedCounter);
		this.answeredWhole = answersCounter(false);
		this.answeredDegraded = answersCounter(true);
	}

	/** An overview was answered 200, with a non-empty {@code degraded} or not. */
	public void answered(boolean degraded) {
		(degraded ? this.answeredDegraded : this.answeredWhole).increment();
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

	private Counter answersCounter(boolean degraded) {
		return Counter.builder("lab.overview.answers")
			.description("Overviews answered 200, by whether any optional part fell back")
			.tag("degraded", Boolean.toString(degraded))
			.register(this.registry);
	}

	private Timer timer(String part, String outcome) {
		return Timer.builder("lab.overview.part")
			.description("One part of the customer overview, by how it ended")
			.tag("part", part)
			.tag("outcome", outcome)
			.register(this.registry);
	}

}
