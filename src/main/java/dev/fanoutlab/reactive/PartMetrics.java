package dev.fanoutlab.reactive;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/** The overview's meters (docs/design.md): time per part and outcome, fallbacks used. */
@Component
class PartMetrics {

	private final MeterRegistry registry;

	PartMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void record(String part, String outcome, long nanos) {
		Timer.builder("lab.overview.part")
			.description("One part of the customer overview")
			.tag("part", part)
			.tag("outcome", outcome)
			.register(this.registry)
			.record(nanos, TimeUnit.NANOSECONDS);
	}

	void degraded(String part) {
		Counter.builder("lab.overview.degraded")
			.description("Optional overview parts replaced by their fallback")
			.tag("part", part)
			.register(this.registry)
			.increment();
	}

}
