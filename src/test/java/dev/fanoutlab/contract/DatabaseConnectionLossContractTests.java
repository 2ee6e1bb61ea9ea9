package dev.fanoutlab.contract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.fanoutlab.lab.EmbeddedDatabase;
import dev.fanoutlab.support.LabHttp;
import dev.fanoutlab.support.LabHttp.Reply;
import dev.fanoutlab.support.PostgresFaults;
import dev.fanoutlab.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The database loses its connections while creates are in flight: every backend of the
 * lab user terminated ({@code pg_terminate_backend}), or the server restarted. No create
 * answers 500; each answer is what the client can act on: 201 is exactly one CONFIRMED
 * order; a 503 carries {@code Retry-After}, and the retry with the same key ends in the
 * one order (docs/api.md: "A create that answered 503"). Never an order for a client told
 * it failed.
 */
class DatabaseConnectionLossContractTests extends ContractTestSupport {

	private static final int CREATES = 24;

	private static final String ORDER = "{\"items\":[{\"sku\":\"LOSS-1\",\"quantity\":1,\"priceCents\":700}]}";

	/**
	 * How long the retries of a 503 may take to end: a claim left PENDING after a lost
	 * confirm is settled by a retry or the sweeper once abandoned (WriteLimits: about 30
	 * s with these tests' timeouts), with a wide margin; not a speed claim.
	 */
	private static final Duration SETTLED_WITHIN = Duration.ofSeconds(120);

	@BeforeEach
	void embeddedServer() {
		assumeTrue(TestDatabase.embedded().isPresent(), "needs the embedded server, to terminate and restart it");
	}

	/** Every stack answers again before the next test: the lab is shared. */
	@AfterEach
	void everyStackAnswersAgain() {
		for (String stack : STACKS) {
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			int status;
			do {
				status = LabHttp.get(url(stack, "/api/customers/7/overview")).status();
			}
			while (status != 200 && System.nanoTime() < deadline);
			assertThat(status).as(stack).isEqualTo(200);
		}
	}

	@EachStack
	void terminatedBackendsUnderWritesAnswerNo500AndEveryCreateEndsAsOneOrderOrNone(String stack) {
		TestDatabase.Endpoint db = TestDatabase.get();
		drill(stack, () -> {
			int terminated = 0;
			for (int round = 0; round < 4; round++) {
				terminated += PostgresFaults.terminateLabBackends(db.jdbcUrl(), db.user(), db.password());
				pause(150);
			}
			assertThat(terminated).as("backends terminated").isPositive();
		});
	}

	@EachStack
	void aRestartUnderWritesAnswersNo500AndEveryCreateEndsAsOneOrderOrNone(String stack) {
		EmbeddedDatabase database = TestDatabase.embedded().orElseThrow();
		drill(stack, () -> PostgresFaults.restart(database));
	}

	private void drill(String stack, Runnable fault) {
		// payments take a moment, so that the fault meets creates between claim and
		// confirm
		this.simulator.set("payments", "\"latencyMs\":200");
		Map<String, CompletableFuture<Reply>> answers = new LinkedHashMap<>();
		CompletableFuture<Void> faulted = null;
		for (int i = 0; i < CREATES; i++) {
			String key = "loss-" + stack + "-" + UUID.randomUUID();
			answers.put(key, LabHttp.postAsync(url(stack, "/api/customers/42/orders"), ORDER, "Idempotency-Key", key));
			if (i == CREATES / 3) {
				faulted = CompletableFuture.runAsync(fault);
			}
			pause(40);
		}
		faulted.join();
		List<String> toRetry = new ArrayList<>();
		Map<Integer, Integer> statuses = new java.util.TreeMap<>();
		answers.values().forEach((answer) -> statuses.merge(answer.join().status(), 1, Integer::sum));
		// what the fault did to the creates, for whoever reads the test's output
		System.out.println(stack + ": answers during the fault " + statuses);
		answers.forEach((key, answer) -> {
			Reply reply = answer.join();
			assertThat(reply.status()).as("%s: %s", key, reply.body()).isIn(201, 503);
			if (reply.status() == 201) {
				assertOneConfirmedOrder(key, reply);
			}
			else {
				assertProblem(reply, 503);
				assertThat(reply.header("Retry-After")).as(reply.body()).isPresent();
				assertThat(confirmed(key)).as("no order while the client is told 503: %s", key).isZero();
				toRetry.add(key);
			}
		});
		this.simulator.preset("fast");
		for (String key : toRetry) {
			Reply retried = retryUntilSettled(stack, key);
			assertThat(retried.status()).as("%s: %s", key, retried.body()).isEqualTo(201);
			assertOneConfirmedOrder(key, retried);
		}
	}

	/**
	 * Retries while the answer is 503 or 409 (both carry Retry-After), as a client would.
	 */
	private Reply retryUntilSettled(String stack, String key) {
		long deadline = System.nanoTime() + SETTLED_WITHIN.toNanos();
		while (true) {
			Reply reply = LabHttp.post(url(stack, "/api/customers/42/orders"), ORDER, "Idempotency-Key", key);
			assertThat(reply.status()).as("%s: %s", key, reply.body()).isNotEqualTo(500);
			if ((reply.status() != 503 && reply.status() != 409) || System.nanoTime() > deadline) {
				return reply;
			}
			assertThat(reply.header("Retry-After")).as(reply.body()).isPresent();
			pause(500);
		}
	}

	private static void assertOneConfirmedOrder(String key, Reply reply) {
		assertThat(ordersWithKey(key)).as(key).isEqualTo(1);
		assertThat(confirmed(key)).as(key).isEqualTo(1);
		assertThat(count("SELECT id FROM purchase_order WHERE idempotency_key = ?", key))
			.isEqualTo(reply.json().path("id").asLong());
	}

	private static long confirmed(String key) {
		return count("SELECT count(*) FROM purchase_order WHERE idempotency_key = ? AND status = 'CONFIRMED'", key);
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
