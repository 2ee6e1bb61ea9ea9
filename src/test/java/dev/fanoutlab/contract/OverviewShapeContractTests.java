package dev.fanoutlab.contract;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.fanoutlab.blocking.Overviews;
import dev.fanoutlab.blocking.ProblemException;
import dev.fanoutlab.support.LabHttp;
import dev.fanoutlab.support.LabHttp.Reply;
import dev.fanoutlab.support.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.dao.DataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shape of the overview, seen from outside the stack: by the simulator (which calls
 * arrived) and by PostgreSQL (which reads are waiting, which backends serve the pool).
 * The two reads are held by table locks a test connection takes, so what runs while they
 * wait is certain, not a matter of timing.
 */
class OverviewShapeContractTests extends ContractTestSupport {

	private static final String READS_WAITING = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
			+ "AND (query LIKE 'SELECT id, name, email, tier FROM customer%' "
			+ "OR query LIKE 'SELECT id, total_cents, status, created_at FROM purchase_order%')";

	private static final String ORDERS_READS_WAITING = "SELECT count(*) FROM pg_stat_activity "
			+ "WHERE wait_event_type = 'Lock' AND query LIKE 'SELECT id, total_cents, status, created_at FROM purchase_order%'";

	@EachStack
	void theFourIndependentPartsStartTogether(String stack) throws Exception {
		this.simulator.resetStats();
		CompletableFuture<Reply> reply;
		try (Connection locks = locked("customer", "purchase_order")) {
			reply = LabHttp
				.getAsync(url(stack, "/api/customers/" + OverviewContractTests.CUSTOMER_WITH_ORDERS + "/overview"));
			// while neither database read can end, both HTTP calls have reached the
			// simulator: nothing waits for the customer or the orders to start
			await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10)).untilAsserted(() -> {
				assertThat(count(READS_WAITING)).as("database reads waiting").isEqualTo(2);
				assertThat(this.simulator.service("recommendations", "requests")).isEqualTo(1);
				assertThat(this.simulator.service("loyalty", "requests")).isEqualTo(1);
			});
			assertThat(this.simulator.service("shipping", "requests")).as("shipping waits for the orders").isZero();
			locks.rollback();
		}
		assertThat(reply.get().status()).as(reply.get().body()).isEqualTo(200);
		assertThat(this.simulator.service("shipping", "requests")).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "blocking", "virtual" })
	void anOverviewThatEndsEarlyLeavesNoReadBehind(String stack) throws Exception {
		try (Connection locks = locked("purchase_order")) {
			// the orders read waits on the lock; the unknown customer ends the overview
			Reply reply = get(stack, "/api/customers/10001/overview");
			assertProblem(reply, 404);
			// answered while the lock is still held: the orders read was cancelled and
			// joined, not left to hold its connection
			assertThat(count(ORDERS_READS_WAITING)).isZero();
			locks.rollback();
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "blocking", "virtual" })
	void missingCustomersAndMissedDeadlinesKeepTheDatabaseConnections(String stack) throws Exception {
		MeterRegistry registry = this.lab.context(stack).getBean(MeterRegistry.class);
		assertThat(get(stack, "/api/customers/1/overview").status()).isEqualTo(200);
		double created = connectionsCreated(registry);
		for (int i = 0; i < 50; i++) {
			assertProblem(get(stack, "/api/customers/" + (10001 + i) + "/overview"), 404);
		}
		Overviews overviews = this.lab.context(stack).getBean(Overviews.class);
		try (Connection locks = locked("purchase_order")) {
			for (int i = 0; i < 10; i++) {
				// 100 ms of the deadline left and the orders read held: it misses it
				long arrivedEarlier = System.nanoTime() - Duration.ofMillis(9_900).toNanos();
				try {
					overviews.overview(1, false, arrivedEarlier);
					throw new AssertionError("answered past the deadline");
				}
				catch (ProblemException | DataAccessException expected) {
					// 503 database-unavailable
				}
			}
			locks.rollback();
		}
		assertThat(get(stack, "/api/customers/1/overview").status()).isEqualTo(200);
		assertThat(connectionsCreated(registry)).as("new database connections").isEqualTo(created);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "blocking", "virtual" })
	void aSlowCustomerReadCannotPushTheAnswerPastTheDeadline(String stack) throws Exception {
		Overviews overviews = this.lab.context(stack).getBean(Overviews.class);
		CompletableFuture<Object> outcome;
		try (Connection locks = locked("customer")) {
			// 300 ms of the deadline left, and the customer read (the request thread's
			// own
			// work) held by the lock for as long as the overview takes, or 20 s
			long arrivedEarlier = System.nanoTime() - Duration.ofMillis(9_700).toNanos();
			outcome = CompletableFuture.supplyAsync(() -> {
				try {
					return overviews.overview(1, false, arrivedEarlier);
				}
				catch (ProblemException | DataAccessException expected) {
					return expected;
				}
			});
			try {
				outcome.get(20, TimeUnit.SECONDS);
			}
			catch (TimeoutException stillWaiting) {
				// released below: an unbounded read then answers 200, and the test fails
			}
			locks.rollback();
		}
		assertThat(outcome.get()).as("the answer while the customer read could not end: a 503, not a late 200")
			.isInstanceOfAny(ProblemException.class, DataAccessException.class);
	}

	private static double connectionsCreated(MeterRegistry registry) {
		return registry.get("hikaricp.connections.creation").timer().count();
	}

	/** A connection of the test's own holding these tables locked until it rolls back. */
	private static Connection locked(String... tables) throws SQLException {
		TestDatabase.Endpoint db = TestDatabase.get();
		Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.execute("LOCK TABLE " + String.join(", ", tables) + " IN ACCESS EXCLUSIVE MODE");
		}
		return connection;
	}

	/**
	 * In a connection of its own: a transaction sees one snapshot of pg_stat_activity.
	 */
	private static long count(String sql) throws SQLException {
		TestDatabase.Endpoint db = TestDatabase.get();
		try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

}
