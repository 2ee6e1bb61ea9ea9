package dev.fanoutlab.reactive;

import org.springframework.context.ConfigurableApplicationContext;

import reactor.test.StepVerifier;

import dev.fanoutlab.api.OverviewMeters;

import dev.fanoutlab.api.LabProperties;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import dev.fanoutlab.api.LabHeaders;
import dev.fanoutlab.support.LabCluster;
import dev.fanoutlab.support.LabHttp;
import dev.fanoutlab.support.Simulator;
import io.micrometer.core.instrument.MeterRegistry;
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

	private final Simulator simulator = LabCluster.get().simulator();

	@AfterEach
	void fastProfile() {
		this.simulator.preset("fast");
	}

	@Test
	void overviewOfASeededCustomerHasEveryPartAndNothingDegraded() {
		// customer 3: "Dennis Lovelace" with (3 * 7) % 6 = 3 seeded orders, and no test
		// writes to it
		this.client.get()
			.uri("/api/customers/3/overview")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(LabHeaders.STACK, "reactive")
			.expectBody()
			.jsonPath("$.customer.id")
			.isEqualTo(3)
			.jsonPath("$.customer.name")
			.isEqualTo("Dennis Lovelace")
			.jsonPath("$.orders.length()")
			.isEqualTo(3)
			.jsonPath("$.latestShipment.orderId")
			.exists()
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
	void theDeadlineBoundsTheSlowestCallToo() {
		// 500 ms of deadline; recommendations take 900 ms, inside their own timeout but
		// past the deadline: a fallback by the deadline, not a 200 after it
		ConfigurableApplicationContext app = ReactiveTestApps.app();
		LabProperties lab = app.getBean(LabProperties.class);
		LabProperties tight = new LabProperties(lab.db(), lab.downstream(),
				new LabProperties.Overview(Duration.ofMillis(500), 5), lab.http(), lab.fanout(), lab.pitfalls(),
				lab.admission());
		OverviewService hurried = new OverviewService(app.getBean(CustomerRepository.class),
				app.getBean(DownstreamClient.class), app.getBean(OverviewMeters.class), tight);
		this.simulator.set("recommendations", "\"latencyMs\":900");
		StepVerifier.create(hurried.overview(5, true)).assertNext((overview) -> {
			assertThat(overview.degraded()).containsExactly("recommendations");
			assertThat(overview.trace().calls()).filteredOn((call) -> call.name().equals("recommendations"))
				.singleElement()
				.satisfies((call) -> assertThat(call.outcome()).isEqualTo("timeout"));
		}).verifyComplete();
	}

	@Test
	void shippingFollowsTheLatestOrder() {
		// customer 5 has (5 * 7) % 6 = 5 seeded orders, and the overview shows at most 5
		String body = this.client.get()
			.uri("/api/customers/5/overview")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		JsonNode overview = LabHttp.parse(body);
		assertThat(overview.path("orders").size()).isEqualTo(5);
		long newest = overview.path("orders").path(0).path("id").asLong();
		assertThat(newest).isPositive();
		assertThat(overview.path("latestShipment").path("orderId").asLong()).as(body).isEqualTo(newest);
	}

	@Test
	void failingOptionalPartsAreFallbacksNamedInDegradedAndTraced() {
		this.simulator.set("loyalty", "\"failRate\":1.0");
		this.simulator.set("recommendations", "\"latencyMs\":" + LabCluster.PAST_THE_TIMEOUT_MS);
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
	void everyOverviewAnswered200IsCountedOnceAsDegradedOrNot() {
		MeterRegistry registry = ReactiveTestApps.app().getBean(MeterRegistry.class);
		double whole = answers(registry, "false");
		double degraded = answers(registry, "true");
		int healthy = 3;
		for (int i = 0; i < healthy; i++) {
			this.client.get().uri("/api/customers/3/overview").exchange().expectStatus().isOk();
		}
		// an unknown customer (404) and an invalid id (400) are no answers
		this.client.get().uri("/api/customers/123456789/overview").exchange().expectStatus().isNotFound();
		this.client.get().uri("/api/customers/x/overview").exchange().expectStatus().isBadRequest();
		assertThat(answers(registry, "false")).isEqualTo(whole + healthy);
		assertThat(answers(registry, "true")).isEqualTo(degraded);

		this.simulator.set("loyalty", "\"failRate\":1.0");
		this.client.get()
			.uri("/api/customers/3/overview")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.degraded")
			.isEqualTo(java.util.List.of("loyalty"));
		assertThat(answers(registry, "true")).isEqualTo(degraded + 1);
		assertThat(answers(registry, "false")).isEqualTo(whole + healthy);
	}

	private static double answers(MeterRegistry registry, String degraded) {
		return registry.get("lab.overview.answers").tag("degraded", degraded).counter().count();
	}

	@Test
	void parallelFanoutKeepsIndexOrderAndHasEveryCallInFlightAtOnce() {
		this.simulator.resetStats();
		// 2 s each: twenty calls sent at once are certainly in flight together
		this.client.get()
			.uri("/api/fanout?calls=20&latencyMs=2000&mode=parallel")
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
			.jsonPath("$.elapsedMs")
			.value(Integer.class, (ms) -> assertThat(ms).isGreaterThanOrEqualTo(2000));
		assertThat(this.simulator.service("echo", "peakInFlight")).isEqualTo(20);
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
		// above lab.downstream.timeout: a fan-out call may take latency + timeout
		this.client.get()
			.uri("/api/fanout?calls=2&latencyMs=" + (LabCluster.DOWNSTREAM_TIMEOUT_MS + 1000))
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
		this.simulator.resetStats();
		// the longest latency the fan-out allows: the cancel has 10 s to get there
		WebClient.create("http://127.0.0.1:" + ReactiveTestApps.port(ReactiveTestApps.app()))
			.get()
			.uri("/api/fanout?calls=5&latencyMs=10000")
			.retrieve()
			.bodyToMono(String.class)
			.timeout(Duration.ofMillis(500))
			.onErrorResume(TimeoutException.class, (ex) -> Mono.empty())
			.block();
		// every call ends one way or the other; the simulator says which
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> this.simulator.service("echo", "cancelled") + this.simulator.service("echo", "requests") == 5);
		assertThat(this.simulator.service("echo", "cancelled")).as("calls whose caller went away").isEqualTo(5);
	}

}
