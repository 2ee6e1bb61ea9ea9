package dev.fanoutlab.observability;

import java.time.Duration;

import dev.fanoutlab.reactive.ReactiveApplication;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.fanoutlab.observability.MetricsAssertions.assertExposed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive role's meters: JVM, WebFlux server histograms, the r2dbc pool and Reactor
 * Netty's own server meters, all tagged {@code stack="reactive"}.
 */
class ReactiveMetricsTests {

	private static RunningRole reactive;

	@BeforeAll
	static void start() {
		reactive = RunningRole.start(ReactiveApplication.builder(), true);
	}

	@AfterAll
	static void stop() {
		reactive.close();
	}

	@Test
	void exposesJvmServerAndPoolMetersTaggedWithItsStack() {
		PrometheusScrape scrape = scrapeAfterARequest();
		assertExposed(scrape, "reactive", "jvm_threads_live_threads", "jvm_memory_used_bytes", "process_cpu_usage",
				"http_server_requests_seconds_bucket", "r2dbc_pool_max_allocated_connections",
				"r2dbc_pool_acquired_connections");
	}

	@Test
	void recordsServerRequestsOnceNotAlsoWithReactorNettysOwnMeters() {
		reactive.get("/actuator/health");
		PrometheusScrape scrape = reactive.scrape();
		assertThat(scrape.samples("http_server_requests_seconds_count")).isNotEmpty();
		assertThat(scrape.samples("reactor_netty_http_server_response_time_seconds_count")).isEmpty();
	}

	@Test
	void serverHistogramHasTheSloBuckets() {
		assertThat(scrapeAfterARequest().samples("http_server_requests_seconds_bucket"))
			.anySatisfy((line) -> assertThat(line).contains("le=\"0.15\""))
			.anySatisfy((line) -> assertThat(line).contains("le=\"0.75\""));
	}

	/**
	 * WebFlux records a request's timer once its response is done, which a scrape sent
	 * right after may overtake: scrape until the request shows.
	 */
	private static PrometheusScrape scrapeAfterARequest() {
		reactive.get("/actuator/health");
		return Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(reactive::scrape, (scrape) -> !scrape.samples("http_server_requests_seconds_bucket").isEmpty());
	}

}
