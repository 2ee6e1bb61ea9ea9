package dev.fanoutlab.observability;

import java.time.Duration;

import dev.fanoutlab.api.HttpConnectionRule;
import dev.fanoutlab.api.LabProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Connections to the simulator: 3 per request admitted, unless set explicitly. */
class HttpConnectionRuleTests {

	@Test
	void threeConnectionsPerRequestAdmitted() {
		HttpConnectionRule rule = HttpConnectionRule.of(lab(0), 1024);
		assertThat(rule.maxConnections()).isEqualTo(3 * 1024);
		assertThat(rule.rule()).contains("3 downstream calls per overview x 1024");
	}

	@Test
	void anExplicitLimitWins() {
		HttpConnectionRule rule = HttpConnectionRule.of(lab(500), 1024);
		assertThat(rule.maxConnections()).isEqualTo(500);
		assertThat(rule.rule()).contains("lab.http.max-connections = 500");
	}

	private static LabProperties lab(int maxConnections) {
		return new LabProperties(null, null, null,
				new LabProperties.Http(maxConnections, Duration.ofSeconds(2), Duration.ofSeconds(5)), null, null, null);
	}

}
