package dev.fanoutlab.observability;

import java.util.stream.IntStream;

import dev.fanoutlab.reactive.NettyMetrics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reactor Netty's {@code uri} tag: templates for ids and keys, one value for anything
 * unknown.
 */
class NettyUriMapperTests {

	@Test
	void collapsesIdsAndKeysIntoTemplates() {
		assertThat(NettyMetrics.URI_MAPPER.apply("/api/customers/42/overview?trace=true"))
			.isEqualTo("/api/customers/{id}/overview");
		assertThat(NettyMetrics.URI_MAPPER.apply("/api/customers/7/orders")).isEqualTo("/api/customers/{id}/orders");
		assertThat(NettyMetrics.URI_MAPPER.apply("/services/loyalty/42")).isEqualTo("/services/loyalty/{key}");
		assertThat(NettyMetrics.URI_MAPPER.apply("/api/fanout?calls=3&latencyMs=20")).isEqualTo("/api/fanout");
		assertThat(NettyMetrics.URI_MAPPER.apply("/actuator/prometheus")).isEqualTo("/actuator/prometheus");
	}

	@Test
	void aThousandUnknownPathsBecomeOneValue() {
		assertThat(IntStream.range(0, 1000).mapToObj((i) -> NettyMetrics.URI_MAPPER.apply("/wp-admin/" + i + ".php")))
			.containsOnly("/**");
	}

}
