package dev.fanoutlab.reactive;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * BlockHound watches every non-blocking thread (event loops, parallel scheduler) while
 * the real app serves requests: any blocking call there fails the request. The one
 * deliberate pitfall is allowed by method name; the canary proves BlockHound is armed.
 */
@Tag("blockhound")
class BlockHoundTests {

	/**
	 * Every blocking call BlockHound caught, with where it happened, for the failure
	 * message.
	 */
	static final List<String> caught = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void installBlockHound() {
		warmUp();
		BlockHound.install(
				(builder) -> builder.allowBlockingCallsInside(PitfallController.class.getName(), "blockingOnEventLoop")
					.blockingMethodCallback((method) -> {
						StringWriter where = new StringWriter();
						new Throwable().printStackTrace(new PrintWriter(where));
						caught.add(method + " on " + Thread.currentThread().getName() + "\n" + where);
						throw new BlockingOperationError(method);
					}));
		// workers already parked before BlockHound was armed would look blocking to it
		// when they wake: start Reactor's schedulers afresh under its watch
		Schedulers.shutdownNow();
	}

	@Test
	void canaryBlockingOnAParallelThreadTrips() {
		// on a scheduler of its own: the tripped worker is not one the app's requests use
		Scheduler canary = Schedulers.newParallel("canary", 1);
		StepVerifier.create(Mono.delay(Duration.ofMillis(1), canary).doOnNext((tick) -> {
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		})).expectError(BlockingOperationError.class).verify(Duration.ofSeconds(10));
		canary.dispose();
	}

	@Test
	void cpuRunsWithoutBlocking() {
		client().get().uri("/api/cpu?rounds=5000").exchange().expectStatus().isOk();
	}

	@Test
	void theAllowedPitfallStillAnswers() {
		client().get().uri("/api/pitfalls/blocking-on-event-loop?ms=5").exchange().expectStatus().isOk();
	}

	@Test
	void overviewFanoutAndOrdersRunWithoutBlocking() {
		WebTestClient client = client();
		client.get()
			.uri("/api/customers/5/overview?trace=true")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.degraded.length()")
			.value(Integer.class, (degraded) -> {
				if (degraded != 0) {
					throw new AssertionError(degraded + " parts degraded; blocking calls caught: " + caught);
				}
			});
		client.get().uri("/api/fanout?calls=10&latencyMs=20").exchange().expectStatus().value((status) -> {
			if (status != 200) {
				throw new AssertionError("fan-out answered " + status + "; blocking calls caught: " + caught);
			}
		});
		client.post()
			.uri("/api/customers/5/orders")
			.header("Idempotency-Key", "bh-" + java.util.UUID.randomUUID())
			.header("Content-Type", "application/json")
			.bodyValue("{\"items\":[{\"sku\":\"B-1\",\"quantity\":1,\"priceCents\":100}]}")
			.exchange()
			.expectStatus()
			.isCreated();
	}

	/**
	 * Jackson builds each type's deserializer once, under one lock: two responses decoded
	 * at the same moment on two event loops may wait for it, once per type, never on I/O.
	 * One round of every call before BlockHound is armed keeps that one-time wait out of
	 * what is watched: the steady state.
	 */
	private static void warmUp() {
		WebTestClient client = client();
		client.get().uri("/api/customers/5/overview").exchange().expectStatus().isOk();
		client.get().uri("/api/fanout?calls=2&latencyMs=0").exchange().expectStatus().isOk();
		client.post()
			.uri("/api/customers/5/orders")
			.header("Idempotency-Key", "bh-warm-up-" + java.util.UUID.randomUUID())
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
