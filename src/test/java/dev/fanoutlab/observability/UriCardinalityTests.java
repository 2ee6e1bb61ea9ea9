package dev.fanoutlab.observability;

import java.util.function.Supplier;

import dev.fanoutlab.blocking.BlockingApplication;
import dev.fanoutlab.reactive.ReactiveApplication;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thousand distinct ids and paths must not become a thousand series: the {@code uri}
 * tag holds templates, and unknown paths collapse into one value.
 */
class UriCardinalityTests {

	@ParameterizedTest
	@ValueSource(strings = { "reactive", "blocking" })
	void requestSeriesStayBoundedAfterAThousandDistinctPaths(String stack) {
		Supplier<RunningRole> starter = () -> stack.equals("reactive")
				? RunningRole.start(ReactiveApplication.builder(), true)
				: RunningRole.start(BlockingApplication.builder(false), true);
		try (RunningRole role = starter.get()) {
			for (int i = 1; i <= 500; i++) {
				role.get("/api/customers/" + i + "/overview");
				role.get("/no-such-page/" + i);
			}
			PrometheusScrape scrape = role.scrape();
			assertThat(scrape.seriesCount("http_server_requests_seconds_count")).isPositive().isLessThan(50);
			assertThat(scrape.seriesCount("reactor_netty_http_server_response_time_seconds_count")).isLessThan(50);
		}
	}

}
