package dev.fanoutlab.reactive;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import dev.fanoutlab.api.LabHeaders;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fan-out endpoints over HTTP against the real simulator and PostgreSQL. Asserts
 * behaviour, with generous time bounds only where time is the point.
 */
class OverviewAndFanoutTests {

	private final WebTestClient client = ReactiveTestApps.client(ReactiveTestApps.app());

	private final WebClient simulator = WebClient.create(ReactiveTestApps.simulatorUrl());

	@AfterEach
	void fastProfile() {
		profile(Map.of("preset", "fast"));
	}

	@Test
	void overviewOfASeededCustomerHasEveryPartAndNothingDegraded() {
		this.client.get()
			.uri("/api/customers/42/overview")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(LabHeaders.STACK, "reactive")
			.expectBody()
			.jsonPath("$.customer.id")
			.isEqualTo(42)
			.jsonPath("$.customer.name")
			.isEqualTo("Barbara Dijkstra")
			.jsonPath("$.orders.length()")
			.value(Integer.class, (n) -> assertThat(n).isBetween(0, 5))
			.jsonPath("$.recommendations.length()")
			.value(Integer.class, (n) -> assertThat(n).isBetween(3, 5))
			.jsonPath("$.loyalty.level")
			.exists()
			.jsonPath("$.degraded.length()")
			.isEqualTo(0)
			.jsonPath("$.trace")
			.doesNotExist();
	}

	@Test
	void shippingFollowsTheLatestOrder() {
		// customer 5 has (5 * 7) % 6 = 5 seeded orders
		this.client.get()
			.uri("/api/customers/5/overview")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.orders.length()")
			.isEqualTo(5)
			.jsonPath("$.latestShipment.orderId")
			.value(Long.class, (orderId) -> assertThat(orderId).isPositive());
	}

	@Test
	void failingOptionalPartsAreFallbacksNamedInDegradedAndTraced() {
		profile(Map.of("services",
				Map.of("loyalty", Map.of("failRate", 1.0), "recommendations", Map.of("latencyMs", 5000))));
		this.client.get()
			.uri("/api/customers/42/overview?trace=true")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.loyalty")
			.isEmpty()
			.jsonPath("$.recommendations.length()")
			.isEqualTo(0)
			.jsonPath("$.degraded")
			.isEqualTo(java.util.List.of("recommendations", "loyalty"))
			.jsonPath("$.trace.stack")
			.isEqualTo("reactive")
			.jsonPath("$.trace.calls[?(@.name == 'loyalty')].outcome")
			.isEqualTo(java.util.List.of("fallback"))
			.jsonPath("$.trace.calls[?(@.name == 'recommendations')].outcome")
			.isEqualTo(java.util.List.of("timeout"))
			.jsonPath("$.trace.calls[?(@.name == 'customer')].outcome")
			.isEqualTo(java.util.List.of("ok"));
	}

	@Test
	void parallelFanoutKeepsIndexOrderAndTakesAboutOneLatency() {
		this.client.get()
			.uri("/api/fanout?calls=20&latencyMs=300&mode=parallel")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.results.length()")
			.isEqualTo(20)
			.jsonPath("$.results[0].key")
			.isEqualTo("0")
			.jsonPath("$.results[19].key")
			.isEqualTo("19")
			// 20 x 300 ms in a row would be 6 s
			.jsonPath("$.elapsedMs")
			.value(Integer.class, (ms) -> assertThat(ms).isBetween(300, 3000));
	}

	@Test
	void sequentialFanoutTakesEveryLatencyInTurn() {
		this.client.get()
			.uri("/api/fanout?calls=4&latencyMs=100&mode=sequential")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.mode")
			.isEqualTo("sequential")
			.jsonPath("$.results[3].key")
			.isEqualTo("3")
			.jsonPath("$.elapsedMs")
			.value(Integer.class, (ms) -> assertThat(ms).isGreaterThanOrEqualTo(400));
	}

	@Test
	void aLongLatencyIsNotCutOffByTheUsualTimeout() {
		// 1.5 s is above lab.downstream.timeout (1 s): the fan-out allows latency +
		// timeout
		this.client.get()
			.uri("/api/fanout?calls=2&latencyMs=1500")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.results.length()")
			.isEqualTo(2);
	}

	@Test
	void createAnswers201WithLocationAndTheLocationAnswersTheOrder() {
		String key = "http-" + java.util.UUID.randomUUID();
		String body = "{\"items\":[{\"sku\":\"SKU-9\",\"quantity\":3,\"priceCents\":250}]}";
		String location = this.client.post()
			.uri("/api/customers/42/orders")
			.header(LabHeaders.IDEMPOTENCY_KEY, key)
			.header("Content-Type", "application/json")
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.totalCents")
			.isEqualTo(750)
			.returnResult()
			.getResponseHeaders()
			.getLocation()
			.toString();
		assertThat(location).startsWith("/api/customers/42/orders/");
		this.client.get()
			.uri(location)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("CONFIRMED");
		this.client.post()
			.uri("/api/customers/42/orders")
			.header(LabHeaders.IDEMPOTENCY_KEY, key)
			.header("Content-Type", "application/json")
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CREATED)
			.expectHeader()
			.valueEquals(LabHeaders.IDEMPOTENT_REPLAYED, "true")
			.expectHeader()
			.location(location);
	}

	@Test
	void aClientThatGoesAwayCancelsTheCallsInFlight() {
		long before = echoCancelled();
		WebClient.create("http://localhost:" + ReactiveTestApps.port(ReactiveTestApps.app()))
			.get()
			.uri("/api/fanout?calls=5&latencyMs=5000")
			.retrieve()
			.bodyToMono(String.class)
			.timeout(Duration.ofMillis(500))
			.onErrorResume(TimeoutException.class, (ex) -> Mono.empty())
			.block();
		// the simulator saw all five callers go away long before their 5 s were up
		Awaitility.await().atMost(Duration.ofSeconds(4)).until(() -> echoCancelled() - before >= 5);
	}

	private long echoCancelled() {
		JsonNode stats = this.simulator.get().uri("/admin/stats").retrieve().bodyToMono(JsonNode.class).block();
		return stats.path("services").path("echo").path("cancelled").asLong();
	}

	private void profile(Map<String, Object> change) {
		this.simulator.put().uri("/admin/profile").bodyValue(change).retrieve().toBodilessEntity().block();
	}

}
