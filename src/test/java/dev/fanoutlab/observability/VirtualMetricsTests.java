package dev.fanoutlab.observability;

import dev.fanoutlab.blocking.BlockingApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.fanoutlab.observability.MetricsAssertions.assertExposed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The virtual role's meters: those of the blocking code plus the virtual-thread meters
 * (pinning, failed submits), all tagged {@code stack="virtual"}.
 */
class VirtualMetricsTests {

	private static RunningRole virtual;

	@BeforeAll
	static void start() {
		virtual = RunningRole.start(BlockingApplication.builder(true), true);
	}

	@AfterAll
	static void stop() {
		virtual.close();
	}

	@Test
	void exposesVirtualThreadMetersTaggedWithItsStack() {
		virtual.get("/actuator/health");
		assertExposed(virtual.scrape(), "virtual", "jvm_threads_live_threads", "jvm_memory_used_bytes",
				"http_server_requests_seconds_bucket", "hikaricp_connections_max", "tomcat_threads_busy_threads",
				"jvm_threads_virtual_pinned_seconds_count", "jvm_threads_virtual_submit_failed_total");
	}

	@Test
	void theVirtualRoleOwnsItsVirtualThreadMetrics() {
		assertThat(virtual.declaredBy("virtualThreadMetrics")).isEqualTo("virtualThreadMetricsConfiguration");
	}

}
