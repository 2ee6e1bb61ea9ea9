package dev.fanoutlab.observability;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import dev.fanoutlab.support.LabCluster;
import dev.fanoutlab.support.LabHttp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thousand distinct ids and paths must not become a thousand series: the {@code uri}
 * tag holds templates, and unknown paths collapse into one value. Runs against the lab's
 * stacks with the real simulator, so that the downstream calls are templated too.
 */
class UriCardinalityTests {

	/** Families with a {@code uri} tag or one per path part, on every stack. */
	static final List<String> FAMILIES = List.of("http_server_requests_seconds_count",
			"http_client_requests_seconds_count", "lab_overview_part_seconds_count");

	/** 500 customer ids and 500 unknown paths. */
	static final int DISTINCT_PATHS = 1000;

	@ParameterizedTest
	@ValueSource(strings = { "reactive", "blocking", "virtual" })
	void seriesStayBoundedAfterAThousandDistinctPaths(String stack) {
		String url = LabCluster.get().url(stack);
		PrometheusScrape before = scrape(url);
		for (int batch = 0; batch < 10; batch++) {
			int first = batch * 50 + 1;
			List<CompletableFuture<LabHttp.Reply>> requests = IntStream.range(first, first + 50)
				.boxed()
				.flatMap((id) -> List
					.of(LabHttp.getAsync(url + "/api/customers/" + id + "/overview"),
							LabHttp.getAsync(url + "/no-such-page/" + id))
					.stream())
				.toList();
			requests.forEach(CompletableFuture::join);
		}
		PrometheusScrape after = scrape(url);
		// Reactor Netty's own per-request server meters are off (one set of server
		// request
		// metrics on every stack, ReactiveMetricsTests): http_server_requests covers them
		for (String family : FAMILIES) {
			// an absent family would count 0 series and pass: it must be there
			assertThat(after.seriesCount(family)).as(family).isPositive();
			// a handful of new tag combinations (an outcome, a status) is fine; a series
			// per path would add about DISTINCT_PATHS
			assertThat(after.seriesCount(family) - before.seriesCount(family)).as(family)
				.isLessThan(DISTINCT_PATHS / 20);
			assertThat(after.seriesCount(family)).as(family).isLessThan(100);
		}
	}

	private static PrometheusScrape scrape(String url) {
		LabHttp.Reply reply = LabHttp.get(url + "/actuator/prometheus");
		assertThat(reply.status()).isEqualTo(200);
		return new PrometheusScrape(List.of(reply.body().split("\n")));
	}

}
