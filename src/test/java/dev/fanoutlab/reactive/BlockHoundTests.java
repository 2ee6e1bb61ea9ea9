package dev.fanoutlab.reactive;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * BlockHound watches every non-blocking thread (event loops, parallel scheduler) while
 * the real app serves requests: any blocking call there fails the request. The one
 * deliberate pitfall is allowed by method name; the canary proves BlockHound is armed.
 */
@Tag("blockhound")
class BlockHoundTests {

	@BeforeAll
	static void installBlockHound() {
		BlockHound.install((builder) -> builder.allowBlockingCallsInside(PitfallController.class.getName(),
				"blockingOnEventLoop"));
	}

	@Test
	void canaryBlockingOnAParallelThreadTrips() {
		StepVerifier.create(Mono.delay(Duration.ofMillis(1)).doOnNext((tick) -> {
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		})).expectError(BlockingOperationError.class).verify(Duration.ofSeconds(10));
	}

	@Test
	void cpuRunsWithoutBlocking() {
		client().get().uri("/api/cpu?rounds=5000").exchange().expectStatus().isOk();
	}

	@Test
	void theAllowedPitfallStillAnswers() {
		client().get().uri("/api/pitfalls/blocking-on-event-loop?ms=5").exchange().expectStatus().isOk();
	}

	/** NEEDS THE SIMULATOR'S ENDPOINTS (merged {@code downstream} role). */
	@Test
	@Tag("needs-simulator")
	void overviewFanoutAndOrdersRunWithoutBlocking() {
		WebTestClient client = client();
		client.get()
			.uri("/api/customers/5/overview?trace=true")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.degraded.length()")
			.isEqualTo(0);
		client.get().uri("/api/fanout?calls=10&latencyMs=20").exchange().expectStatus().isOk();
		client.post()
			.uri("/api/customers/5/orders")
			.header("Idempotency-Key", "bh-" + java.util.UUID.randomUUID())
			.header("Content-Type", "application/json")
			.bodyValue("{\"items\":[{\"sku\":\"B-1\",\"quantity\":1,\"priceCents\":100}]}")
			.exchange()
			.expectStatus()
			.isCreated();
	}

	private static WebTestClient client() {
		return ReactiveTestApps.client(ReactiveTestApps.app());
	}

}
