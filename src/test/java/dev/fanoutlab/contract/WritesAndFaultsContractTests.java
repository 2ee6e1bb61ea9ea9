package dev.fanoutlab.contract;

import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.fanoutlab.support.LabHttp;
import dev.fanoutlab.support.LabHttp.Reply;
import org.junit.jupiter.api.AfterEach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Drills that run in CI: a client that leaves mid-payment, a database that stops
 * answering without refusing anything. Nothing accepted is lost, nothing waits for ever.
 */
class WritesAndFaultsContractTests extends ContractTestSupport {

	private static final String ORDER = "{\"items\":[{\"sku\":\"A\",\"quantity\":1,\"priceCents\":100}]}";

	/**
	 * The bound of a create or an overview on a database that stops answering: the
	 * longest write step (pool wait 3 s + socket timeout 5 s) with a wide margin; not a
	 * speed claim, a "never for ever" one.
	 */
	private static final Duration HUNG_DATABASE_BOUND = Duration.ofSeconds(20);

	@AfterEach
	void databaseBack() {
		this.lab.databaseProxy().restore();
	}

	@EachStack
	void aCreateWhoseClientLeavesMidPaymentRunsToItsVerdict(String stack) {
		// after a database drill a pool may still hand out a dead connection or two (a
		// 503)
		assertThat(eventually(() -> LabHttp
			.post(url(stack, "/api/customers/42/orders"), ORDER, "Idempotency-Key", "warm-" + UUID.randomUUID())
			.status() == 201, Duration.ofSeconds(30))).isTrue();
		this.simulator.set("payments", "\"latencyMs\":700");
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			String key = "leaves-" + UUID.randomUUID();
			keys.add(key);
			HttpRequest request = LabHttp.request(url(stack, "/api/customers/42/orders"))
				.timeout(Duration.ofMillis(300))
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", key)
				.POST(HttpRequest.BodyPublishers.ofString(ORDER))
				.build();
			assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> LabHttp.send(request));
		}
		for (String key : keys) {
			assertThat(eventually(() -> confirmedWithKey(key) == 1, Duration.ofSeconds(15)))
				.as("CONFIRMED row for %s", key)
				.isTrue();
			assertThat(ordersWithKey(key)).isEqualTo(1);
		}
	}

	@EachStack
	void aBlackHoledDatabaseAnswers503WithinBoundsAndRecovers(String stack) {
		assertThat(get(stack, "/api/customers/7/overview").status()).isEqualTo(200);
		this.lab.databaseProxy().blackHole();
		long start = System.nanoTime();
		assertProblem(get(stack, "/api/customers/7/overview"), 503);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(HUNG_DATABASE_BOUND);
		String key = "black-hole-" + UUID.randomUUID();
		start = System.nanoTime();
		assertProblem(LabHttp.post(url(stack, "/api/customers/9004/orders"), ORDER, "Idempotency-Key", key), 503);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(HUNG_DATABASE_BOUND);
		this.lab.databaseProxy().restore();
		assertThat(eventually(() -> get(stack, "/api/customers/7/overview").status() == 200, Duration.ofSeconds(30)))
			.isTrue();
		assertThat(ordersWithKey(key)).isZero();
		String after = "after-black-hole-" + UUID.randomUUID();
		Reply created = LabHttp.post(url(stack, "/api/customers/42/orders"), ORDER, "Idempotency-Key", after);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
	}

	private static long confirmedWithKey(String key) {
		return count("SELECT count(*) FROM purchase_order WHERE idempotency_key = ? AND status = 'CONFIRMED'", key);
	}

	private static boolean eventually(java.util.function.BooleanSupplier condition, Duration within) {
		long deadline = System.nanoTime() + within.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			pause();
		}
		return true;
	}

	private static void pause() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
