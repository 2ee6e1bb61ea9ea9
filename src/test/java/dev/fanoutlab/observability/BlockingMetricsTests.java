package dev.fanoutlab.observability;

import dev.fanoutlab.blocking.BlockingApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.fanoutlab.observability.MetricsAssertions.assertExposed;

/**
 * The blocking role's meters: JVM, MVC server histograms, HikariCP and Tomcat's thread
 * pool, all tagged {@code stack="blocking"}.
 */
class BlockingMetricsTests {

	private static RunningRole blocking;

	@BeforeAll
	static void start() {
		blocking = RunningRole.start(BlockingApplication.builder(false), true);
	}

	@AfterAll
	static void stop() {
		blocking.close();
	}

	@Test
	void exposesJvmServerAndPoolMetersTaggedWithItsStack() {
		blocking.get("/actuator/health");
		assertExposed(blocking.scrape(), "blocking", "jvm_threads_live_threads", "jvm_threads_peak_threads",
				"jvm_threads_states_threads", "jvm_memory_used_bytes", "process_cpu_usage",
				"http_server_requests_seconds_bucket", "hikaricp_connections_max", "hikaricp_connections_active",
				"tomcat_threads_busy_threads", "tomcat_threads_config_max_threads");
	}

}
