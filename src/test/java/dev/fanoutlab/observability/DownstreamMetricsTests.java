package dev.fanoutlab.observability;

import dev.fanoutlab.downstream.DownstreamApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.fanoutlab.observability.MetricsAssertions.assertExposed;

/**
 * The simulator's JVM and server meters, tagged {@code stack="downstream"}.
 */
class DownstreamMetricsTests {

	private static RunningRole downstream;

	@BeforeAll
	static void start() {
		downstream = RunningRole.start(DownstreamApplication.builder(), false);
	}

	@AfterAll
	static void stop() {
		downstream.close();
	}

	@Test
	void exposesJvmAndServerMetersTaggedWithItsStack() {
		downstream.get("/admin/profile");
		assertExposed(downstream.scrape(), "downstream", "jvm_threads_live_threads", "jvm_memory_used_bytes",
				"process_cpu_usage", "http_server_requests_seconds_bucket");
	}

}
