package dev.fanoutlab.observability;

import dev.fanoutlab.api.OverviewMeters;
import dev.fanoutlab.api.Trace;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The overview's meters: present from the start, built once, counting every record. */
class OverviewMetersTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final OverviewMeters meters = new OverviewMeters(this.registry);

	@Test
	void everyOptionalPartHasItsDegradedCounterAtZeroFromTheStart() {
		assertThat(this.registry.find("lab.overview.degraded").counters()).extracting((c) -> c.getId().getTag("part"))
			.containsExactlyInAnyOrder("recommendations", "loyalty", "shipping");
		assertThat(this.registry.find("lab.overview.degraded").counters())
			.allSatisfy((counter) -> assertThat(counter.count()).isZero());
	}

	@Test
	void recordsIntoOneTimerPerPartAndOutcome() {
		for (int i = 0; i < 3; i++) {
			this.meters.record("loyalty", Trace.OK, 1_000_000);
		}
		this.meters.record("loyalty", Trace.TIMEOUT, 1_000_000);
		this.meters.degraded("loyalty");
		this.meters.degraded("loyalty");
		assertThat(this.registry.get("lab.overview.part").tags("part", "loyalty", "outcome", "ok").timer().count())
			.isEqualTo(3);
		assertThat(this.registry.find("lab.overview.part").timers()).hasSize(2);
		Counter degraded = this.registry.get("lab.overview.degraded").tag("part", "loyalty").counter();
		assertThat(degraded.count()).isEqualTo(2);
	}

	@Test
	void countsEachAnswerOnceAsDegradedOrNotFromZero() {
		assertThat(answers("false")).isZero();
		assertThat(answers("true")).isZero();
		this.meters.answered(false);
		this.meters.answered(false);
		this.meters.answered(true);
		assertThat(answers("false")).isEqualTo(2);
		assertThat(answers("true")).isEqualTo(1);
		assertThat(this.registry.find("lab.overview.answers").counters()).hasSize(2);
	}

	private double answers(String degraded) {
		return this.registry.get("lab.overview.answers").tag("degraded", degraded).counter().count();
	}

}
