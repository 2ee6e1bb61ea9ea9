package dev.fanoutlab.contract;

import java.time.Duration;
import java.util.UUID;

import dev.fanoutlab.support.LabHttp;
import dev.fanoutlab.support.LabHttp.Reply;
import org.junit.jupiter.api.AfterEach;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database goes away: mandatory parts answer 503, never 500, and the stack recovers.
 */
class DatabaseDownContractTests extends ContractTestSupport {

	/**
	 * The cut also broke the pooled connections of the stacks not under test: the lab is
	 * shared, so every stack answers again before the next test runs.
	 */
	@AfterEach
	void databaseBack() {
		this.lab.databaseProxy().restore();
		for (String stack : STACKS) {
			assertThat(eventuallyOk(stack, "/api/customers/7/overview", Duration.ofSeconds(60))).as(stack)
				.isEqualTo(200);
		}
	}

	@EachStack
	void overviewAndCreateAre503WhileTheDatabaseIsDownAndRecoverAfter(String stack) {
		assertThat(get(stack, "/api/customers/7/overview").status()).isEqualTo(200);
		this.lab.databaseProxy().cut();
		assertProblem(get(stack, "/api/customers/7/overview"), 503);
		assertProblem(get(stack, "/api/customers/8/overview"), 503);
		String key = "db-down-" + UUID.randomUUID();
		Reply create = LabHttp.post(url(stack, "/api/customers/9004/orders"),
				"{\"items\":[{\"sku\":\"A\",\"quantity\":1,\"priceCents\":100}]}", "Idempotency-Key", key);
		assertProblem(create, 503);
		this.lab.databaseProxy().restore();
		assertThat(ordersWithKey(key)).isZero();
		assertThat(eventuallyOk(stack, "/api/customers/7/overview", Duration.ofSeconds(30))).isEqualTo(200);
	}

	private int eventuallyOk(String stack, String path, Duration within) {
		long deadline = System.nanoTime() + within.toNanos();
		int status;
		do {
			status = get(stack, path).status();
		}
		while (status != 200 && System.nanoTime() < deadline);
		return status;
	}

}
