package dev.fanoutlab.blocking;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/** {@code lab.overview.part} (part, outcome) and {@code lab.overview.degraded} (part). */
@Component
class OverviewMetrics {

	private final MeterRegistry registry;

	OverviewMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void part(String part, String outcome, long nanos) {
		Timer.builder("lab.overview.part")
			.description("Time of one part of the overview, by how it ended")
			.tag("part", part)
			.tag("outcome", outcome)
			.register(this.registry)
			.record(nanos, TimeUnit.NANOSECONDS);
	}

	void degraded(String part) {
		Counter.builder("lab.overview.degraded")
			.description("Overviews answered with a fallback for this part")
			.tag("part", part)
			.register(this.registry)
			.increment();
	}

}
