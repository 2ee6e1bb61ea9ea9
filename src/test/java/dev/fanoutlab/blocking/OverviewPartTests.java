package dev.fanoutlab.blocking;

import java.util.concurrent.CancellationException;

import dev.fanoutlab.api.OverviewMeters;
import dev.fanoutlab.api.Trace;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whoever ends a part first decides its outcome; the scope's cancel ends only open ones.
 */
class OverviewPartTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final OverviewMeters meters = new OverviewMeters(this.registry);

	@Test
	void aPartThatEndedKeepsItsOutcomeWhenTheScopeCancelsIt() {
		OverviewPart<String> part = new OverviewPart<>("loyalty", true, this.meters);
		assertThat(part.run(() -> "gold")).isEqualTo("gold");

		part.cancel();

		assertThat(part.succeeded()).isTrue();
		assertThat(part.failure()).isNull();
		assertThat(part.valueOr("fallback")).isEqualTo("gold");
		assertThat(recorded(Trace.OK)).isEqualTo(1);
		assertThat(this.registry.find("lab.overview.part").tag("outcome", Trace.CANCELLED).timer()).isNull();
	}

	@Test
	void anOpenPartIsEndedAsCancelledWithItsNameInTheReason() {
		OverviewPart<String> part = new OverviewPart<>("shipping", true, this.meters);

		part.cancel();
		part.cancel();

		assertThat(part.failure()).isInstanceOf(CancellationException.class).hasMessageContaining("shipping");
		assertThat(part.degraded()).isFalse();
		assertThat(part.valueOr("fallback")).isEqualTo("fallback");
		assertThat(recorded(Trace.CANCELLED)).isEqualTo(1);
	}

	private long recorded(String outcome) {
		return this.registry.get("lab.overview.part").tag("outcome", outcome).timer().count();
	}

}
