package dev.fanoutlab.blocking;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;

import dev.fanoutlab.support.Simulator;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The overview and the fan-out against the real simulator.
 */
class OverviewWithSimulatorTests {

	/**
	 * 12 request threads, of which 8 stay free to refuse in shed mode: 4 requests
	 * admitted at once.
	 */
	private static final int REQUEST_THREADS = 12;

	private static final int ADMITTED = 4;

	private static Simulator simulator;

	private static RunningStack stack;

	@BeforeAll
	static void start() {
		simulator = Simulator.start();
		// few request threads (and by the rule twice as many fan-out threads), so that
		// the bound shows at the simulator; connections enough not to be a bound
		stack = RunningStack.start(false,
				Map.of("lab.downstream.url", simulator.url(), "server.tomcat.threads.max", REQUEST_THREADS,
						"lab.overview.deadline", "2s", "lab.http.max-connections", 100, "lab.admission.mode", "shed"));
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
		if (simulator != null) {
			simulator.close();
		}
	}

	@BeforeEach
	void fastProfile() {
		simulator.preset("fast");
		simulator.resetStats();
	}

	@Test
	void answersEveryPartWithTheThreadThatRanIt() {
		HttpResponse<String> response = stack.get("/api/customers/5/overview?trace=true");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode overview = RunningStack.json(response);
		assertThat(overview.get("degraded")).isEmpty();
		assertThat(overview.get("recommendations").size()).isBetween(3, 5);
		assertThat(overview.get("loyalty").get("level").asString()).isNotBlank();
		assertThat(overview.get("latestShipment").get("orderId").asLong())
			.isEqualTo(overview.get("orders").get(0).get("id").asLong());
		JsonNode calls = overview.get("trace").get("calls");
		assertThat(calls.valueStream().map((call) -> call.get("name").asString())).containsExactly("customer", "orders",
				"recommendations", "loyalty", "shipping");
		assertThat(calls.valueStream().map((call) -> call.get("outcome").asString())).containsOnly("ok");
		// the request thread reads the customer itself; orders (then their shipping, in
		// the same task), recommendations and loyalty run beside it on the fan-out pool
		String requestThread = calls.get(0).get("thread").asString();
		assertThat(requestThread).matches("http-nio-.*-exec-[0-9]+");
		assertThat(calls.get(2).get("thread").asString()).matches("fanout-[0-9]+");
		assertThat(calls.get(3).get("thread").asString()).matches("fanout-[0-9]+");
		assertThat(calls.get(1).get("thread").asString()).matches("fanout-[0-9]+")
			.isEqualTo(calls.get(4).get("thread").asString());
		// shipping waits for the orders: it starts after they end
		JsonNode orders = calls.get(1);
		JsonNode shipping = calls.get(4);
		assertThat(shipping.get("startMs").asLong())
			// both numbers are truncated to whole milliseconds: allow one of rounding
			.isGreaterThanOrEqualTo(orders.get("startMs").asLong() + orders.get("durationMs").asLong() - 1);
	}

	@Test
	void failingOptionalPartIsNamedInDegraded() {
		simulator.set("loyalty", "\"failRate\":1.0");
		JsonNode overview = RunningStack.json(stack.get("/api/customers/5/overview?trace=true"));
		assertThat(overview.get("loyalty").isNull()).isTrue();
		assertThat(overview.get("degraded").valueStream().map(JsonNode::asString)).containsExactly("loyalty");
		assertThat(overview.get("trace").get("calls").get(3).get("outcome").asString()).isEqualTo("fallback");
	}

	@Test
	void everyOverviewAnswered200IsCountedOnceAsDegradedOrNot() {
		double whole = answers("false");
		double degraded = answers("true");
		int healthy = 3;
		for (int i = 0; i < healthy; i++) {
			assertThat(stack.get("/api/customers/5/overview").statusCode()).isEqualTo(200);
		}
		// an unknown customer (404) and an invalid id (400) are no answers
		assertThat(stack.get("/api/customers/123456789/overview").statusCode()).isEqualTo(404);
		assertThat(stack.get("/api/customers/x/overview").statusCode()).isEqualTo(400);
		assertThat(answers("false")).isEqualTo(whole + healthy);
		assertThat(answers("true")).isEqualTo(degraded);

		simulator.set("loyalty", "\"failRate\":1.0");
		JsonNode overview = RunningStack.json(stack.get("/api/customers/5/overview"));
		assertThat(overview.get("degraded").valueStream().map(JsonNode::asString)).containsExactly("loyalty");
		assertThat(answers("true")).isEqualTo(degraded + 1);
		assertThat(answers("false")).isEqualTo(whole + healthy);
	}

	private static double answers(String degraded) {
		return stack.bean(MeterRegistry.class).get("lab.overview.answers").tag("degraded", degraded).counter().count();
	}

	@Test
	void slowOptionalPartTimesOutAndFallsBack() {
		simulator.set("recommendations", "\"latencyMs\":1500");
		JsonNode overview = RunningStack.json(stack.get("/api/customers/5/overview?trace=true"));
		assertThat(overview.get("degraded").valueStream().map(JsonNode::asString)).containsExactly("recommendations");
		assertThat(overview.get("trace").get("calls").get(2).get("outcome").asString()).isEqualTo("timeout");
	}

	@Test
	void cancellingAPartAbortsItsHttpExchange() {
		// past the 1 s timeout, the future fails, its thread is interrupted, the exchange
		// is cancelled: the simulator counts it cancelled long before its 5 s are up
		simulator.set("recommendations", "\"latencyMs\":5000");
		assertThat(stack.get("/api/customers/5/overview").statusCode()).isEqualTo(200);
		await().atMost(java.time.Duration.ofSeconds(3)).untilAsserted(() -> {
			assertThat(simulator.service("recommendations", "cancelled")).isEqualTo(1);
			assertThat(simulator.service("recommendations", "inFlight")).isZero();
		});
	}

	@Test
	void cancellingTheFutureItselfAbortsTheExchange() throws Exception {
		// the fan-out client waits up to 11 s and the simulator 5 s: only the cancel can
		// end this exchange within the 3 s allowed below
		DownstreamClient client = stack.bean(DownstreamClient.class);
		Future<?> call = stack.bean(FanoutExecutorConfiguration.FanoutPool.class)
			.executor()
			.submit(() -> client.echo(0, 5000));
		await().atMost(java.time.Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(simulator.service("echo", "inFlight")).isEqualTo(1));
		call.cancel(true);
		await().atMost(java.time.Duration.ofSeconds(3)).untilAsserted(() -> {
			assertThat(simulator.service("echo", "cancelled")).isEqualTo(1);
			assertThat(simulator.service("echo", "inFlight")).isZero();
		});
	}

	@Test
	void theDeadlineCountsFromTheRequestsArrival() {
		// 500 ms of the 2 s deadline are left when the work starts; loyalty takes 900 ms,
		// within its own 1 s timeout but past the deadline
		simulator.set("loyalty", "\"latencyMs\":900");
		assertPastTheDeadlineIsAFallback("loyalty");
	}

	@Test
	void theDeadlineBoundsRecommendationsToo() {
		// the slowest call, which the request thread once made itself after the
		// customer read and outside the deadline
		simulator.set("recommendations", "\"latencyMs\":900");
		assertPastTheDeadlineIsAFallback("recommendations");
	}

	private static void assertPastTheDeadlineIsAFallback(String part) {
		long arrivedEarlier = System.nanoTime() - java.time.Duration.ofMillis(1500).toNanos();
		dev.fanoutlab.api.CustomerOverview overview = stack.bean(Overviews.class).overview(5, true, arrivedEarlier);
		assertThat(overview.degraded()).containsExactly(part);
		assertThat(overview.trace().calls()).filteredOn((call) -> call.name().equals(part))
			.singleElement()
			.satisfies((call) -> assertThat(call.outcome()).isEqualTo("timeout"));
	}

	@Test
	void overviewsAreBoundedByTheRequestsAdmitted() throws Exception {
		assertThat(RunningStack.json(stack.get("/api/info")).get("pools").get("admission").get("max").asInt())
			.isEqualTo(ADMITTED);
		simulator.preset("slow");
		simulator.resetStats();
		List<Future<Integer>> statuses = new ArrayList<>();
		try (ExecutorService clients = Executors.newFixedThreadPool(20)) {
			for (int i = 0; i < 20; i++) {
				long id = 1 + i;
				statuses.add(clients.submit(() -> stack.get("/api/customers/" + id + "/overview").statusCode()));
			}
			for (Future<Integer> status : statuses) {
				// admitted, or refused at once
				assertThat(status.get()).isIn(200, 503);
			}
		}
		// 4 requests admitted, each with at most 3 calls out at once (recommendations,
		// loyalty, shipping); an aborted call may still be counted while its thread moves
		// on
		assertThat(simulator.total("peakInFlight")).isPositive()
			.isLessThanOrEqualTo(3L * ADMITTED + simulator.total("cancelled"));
	}

	@Test
	void fanoutAnswersInIndexOrder() {
		for (String mode : List.of("parallel", "sequential")) {
			JsonNode result = RunningStack.json(stack.get("/api/fanout?calls=3&latencyMs=10&mode=" + mode));
			assertThat(result.get("mode").asString()).isEqualTo(mode);
			assertThat(result.get("calls").asInt()).isEqualTo(3);
			assertThat(result.get("results").valueStream().map((echo) -> echo.get("key").asString()))
				.containsExactly("0", "1", "2");
		}
	}

	@Test
	void fanoutWaitsAsLongAsAskedPastTheDownstreamTimeout() {
		// latencyMs is above lab.downstream.timeout (1 s): the per-call timeout grows
		// with it
		HttpResponse<String> response = stack.get("/api/fanout?calls=2&latencyMs=1200&mode=parallel");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(RunningStack.json(response).get("elapsedMs").asLong()).isGreaterThanOrEqualTo(1200);
	}

	@Test
	void theHttpClientsOwnTasksRunOnOnePlatformThreadPerCore() {
		// 20 calls in flight at once, each answered by the client's own tasks
		HttpResponse<String> response = stack.get("/api/fanout?calls=20&latencyMs=200&mode=parallel");
		assertThat(response.statusCode()).isEqualTo(200);
		ThreadPoolExecutor tasks = (ThreadPoolExecutor) stack.context().getBean("httpClientExecutor");
		int cores = Runtime.getRuntime().availableProcessors();
		assertThat(tasks.getMaximumPoolSize()).isEqualTo(cores);
		assertThat(tasks.getLargestPoolSize()).isBetween(1, cores);
	}

}
