package dev.fanoutlab.blocking;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The database is down: mandatory parts answer 503, never 500. */
class DatabaseDownTests {

	private static RunningStack stack;

	@BeforeAll
	static void start() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		stack = RunningStack.start(false, Map.of("lab.db.port", closedPort, "spring.flyway.enabled", false,
				"lab.downstream.url", "http://localhost:1", "spring.datasource.hikari.connection-timeout", 500));
	}

	@AfterAll
	static void stop() {
		stack.close();
	}

	@Test
	void overviewIs503() {
		HttpResponse<String> response = stack.get("/api/customers/1/overview");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(RunningStack.json(response).get("type").asString())
			.isEqualTo("https://fanout-lab.dev/problems/database-unavailable");
		assertThat(response.body()).doesNotContain("Exception", "SQL", "jdbc");
	}

	@Test
	void createIs503() {
		HttpResponse<String> response = stack.send(stack.request("/api/customers/1/orders")
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", "db-down-1")
			.POST(java.net.http.HttpRequest.BodyPublishers
				.ofString("{\"items\":[{\"sku\":\"A-1\",\"quantity\":1,\"priceCents\":100}]}"))
			.build());
		assertThat(response.statusCode()).isEqualTo(503);
	}

}
