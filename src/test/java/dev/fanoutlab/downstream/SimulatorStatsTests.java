package dev.fanoutlab.downstream;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code /admin/stats}: in flight, peaks, cancellations, reset, and the Micrometer
 * meters.
 */
class SimulatorStatsTests {

	private static RunningSimulator simulator;

	@BeforeAll
	static void start() {
		simulator = RunningSimulator.start();
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	@BeforeEach
	void reset() {
		awaitStats((stats) -> stats.get("total").get("inFlight").longValue() == 0);
		simulator.post("/admin/stats/reset", "");
	}

	@Test
	void countsCallsInFlightAndTheirPeak() {
		List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 50)
			.mapToObj((i) -> simulator.getAsync("/services/echo/p" + i + "?latencyMs=1000"))
			.toList();
		JsonNode during = awaitStats((stats) -> stats.get("total").get("inFlight").longValue() == 50);
		assertThat(during.get("services").get("echo").get("inFlight").longValue()).isEqualTo(50);
		calls.forEach((call) -> assertThat(call.join().statusCode()).isEqualTo(200));
		JsonNode after = awaitStats((stats) -> stats.get("total").get("inFlight").longValue() == 0);
		JsonNode echo = after.get("services").get("echo");
		assertThat(echo.get("requests").longValue()).isEqualTo(50);
		assertThat(echo.get("peakInFlight").longValue()).isGreaterThanOrEqualTo(50);
		assertThat(after.get("total").get("peakInFlight").longValue()).isGreaterThanOrEqualTo(50);
		assertThat(after.get("services").get("loyalty").get("requests").longValue()).isZero();
	}

	@Test
	void totalPeakIsThePeakOfTheSumNotTheSumOfPeaks() {
		simulator.get("/services/echo/a?latencyMs=0");
		simulator.get("/services/loyalty/a?latencyMs=0");
		JsonNode stats = simulator.stats();
		assertThat(stats.get("services").get("echo").get("peakInFlight").longValue()).isEqualTo(1);
		assertThat(stats.get("services").get("loyalty").get("peakInFlight").longValue()).isEqualTo(1);
		assertThat(stats.get("total").get("peakInFlight").longValue()).isEqualTo(1);
		assertThat(stats.get("total").get("requests").longValue()).isEqualTo(2);
	}

	@Test
	void aCallerThatGivesUpIsCountedAsCancelled() {
		CompletableFuture<HttpResponse<String>> call = simulator.getAsync("/services/shipping/c?latencyMs=3000",
				Duration.ofMillis(100));
		assertThatThrownBy(call::join).isInstanceOf(CompletionException.class)
			.hasCauseInstanceOf(HttpTimeoutException.class);
		JsonNode stats = awaitStats((s) -> s.get("total").get("cancelled").longValue() == 1);
		JsonNode shipping = stats.get("services").get("shipping");
		assertThat(shipping.get("cancelled").longValue()).isEqualTo(1);
		assertThat(shipping.get("requests").longValue()).isZero();
		assertThat(shipping.get("inFlight").longValue()).isZero();
		assertThat(metrics()).contains(
				"lab_downstream_requests_total{application=\"fanout-lab-downstream\",outcome=\"cancelled\",service=\"shipping\",stack=\"downstream\"} 1.0");
	}

	@Test
	void injectedFailuresAreCountedAsAnsweredRequests() {
		simulator.get("/services/loyalty/f?latencyMs=0&failRate=1");
		simulator.get("/services/loyalty/f?latencyMs=0");
		JsonNode loyalty = simulator.stats().get("services").get("loyalty");
		assertThat(loyalty.get("requests").longValue()).isEqualTo(2);
		assertThat(loyalty.get("failuresInjected").longValue()).isEqualTo(1);
		assertThat(metrics()).contains("outcome=\"failure\",service=\"loyalty\"", "outcome=\"ok\",service=\"loyalty\"",
				"lab_downstream_inflight{application=\"fanout-lab-downstream\",service=\"loyalty\",stack=\"downstream\"}");
	}

	@Test
	void resetZeroesCountersAndRestartsPeaksFromTheCallsInFlight() {
		simulator.get("/services/echo/r?latencyMs=0&failRate=1");
		CompletableFuture<HttpResponse<String>> waiting = simulator.getAsync("/services/echo/r?latencyMs=1500");
		awaitStats((stats) -> stats.get("total").get("inFlight").longValue() == 1);
		JsonNode reset = simulator.post("/admin/stats/reset", "").json();
		JsonNode echo = reset.get("services").get("echo");
		assertThat(echo.get("requests").longValue()).isZero();
		assertThat(echo.get("failuresInjected").longValue()).isZero();
		assertThat(echo.get("cancelled").longValue()).isZero();
		assertThat(echo.get("inFlight").longValue()).isEqualTo(1);
		assertThat(echo.get("peakInFlight").longValue()).isEqualTo(1);
		assertThat(reset.get("total").get("peakInFlight").longValue()).isEqualTo(1);
		assertThat(reset.get("services").get("loyalty").get("peakInFlight").longValue()).isZero();
		assertThat(waiting.join().statusCode()).isEqualTo(200);
	}

	private static String metrics() {
		return simulator.get("/actuator/prometheus").body();
	}

	/** Polls the stats until they match, for at most 10 s. */
	private static JsonNode awaitStats(Predicate<JsonNode> condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		JsonNode stats = simulator.stats();
		while (!condition.test(stats) && System.nanoTime() < deadline) {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			stats = simulator.stats();
		}
		assertThat(condition.test(stats)).as("stats reached the expected state: %s", stats).isTrue();
		return stats;
	}

}
