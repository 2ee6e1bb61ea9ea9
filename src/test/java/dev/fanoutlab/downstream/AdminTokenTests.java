package dev.fanoutlab.downstream;

import dev.fanoutlab.support.LabHttp;
import dev.fanoutlab.support.Simulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code lab.simulator.admin-token} set, the admin API answers only its bearer; the
 * simulated services stay open. And every role listens on loopback unless told otherwise.
 */
class AdminTokenTests {

	private static Simulator simulator;

	@BeforeAll
	static void start() {
		simulator = Simulator.start("--lab.simulator.admin-token=s3cret");
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	@Test
	void theAdminApiNeedsTheToken() {
		LabHttp.Reply refused = simulator.get("/admin/stats");
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.header("WWW-Authenticate")).hasValue("Bearer");
		assertThat(refused.json().path("type").asString()).endsWith("/unauthorized");
		assertThat(simulator.get("/admin/stats", "Authorization", "Bearer wrong").status()).isEqualTo(401);
		assertThat(simulator.get("/admin/stats", "Authorization", "Bearer s3cret").status()).isEqualTo(200);
	}

	@Test
	void aChangeWithoutTheTokenChangesNothing() {
		assertThat(simulator.put("/admin/profile", "{\"preset\":\"slow\"}").status()).isEqualTo(401);
		assertThat(simulator.get("/admin/profile", "Authorization", "Bearer s3cret").body()).doesNotContain("\"slow\"");
	}

	@Test
	void theServicesStayOpen() {
		assertThat(simulator.get("/services/echo/a?latencyMs=0").status()).isEqualTo(200);
	}

	@Test
	void rolesListenOnLoopbackByDefault() {
		assertThat(simulator.property("server.address")).isEqualTo("127.0.0.1");
	}

}
