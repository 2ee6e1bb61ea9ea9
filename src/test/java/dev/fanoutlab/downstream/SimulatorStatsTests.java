package dev.fanoutlab.downstream;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import dev.fanoutlab.support.LabHttp;
import dev.fanoutlab.support.Simulator;
import org.junit.jupiter.api.AutoClose;
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

	@AutoClose
	private static final Simulator simulator = Simulator.start();

	@BeforeEach
	void reset() {
		awaitStats((stats) -> Simulator.counter(stats, "total", "inFlight") == 0);
		simulator.post("/admin/stats/reset", "");
	}

	@Test
	void countsCallsInFlightAndTheirPeak() {
		// 5 s each: sending 50 calls takes far less, so all 50 are in flight together
		List<CompletableFuture<LabHttp.Reply>> calls = IntStream.range(0, 50)
			.mapToObj((i) -> simulator.getAsync("/services/echo/p" + i + "?latencyMs=5000"))
			.toList();
		JsonNode during = awaitStats((stats) -> Simulator.counter(stats, "total", "inFlight") == 50);
		assertThat(during.get("services").get("echo").get("inFlight").longValue()).isEqualTo(50);
		calls.forEach((call) -> assertThat(call.join().status()).isEqualTo(200));
		JsonNode after = awaitStats((stats) -> Simulator.counter(stats, "total", "inFlight") == 0);
		JsonNode echo = after.get("services").get("echo");
		assertThat(echo.get("requests").longValue()).isEqualTo(50);
		assertThat(echo.get("peakInFlight").longValue()).isEqualTo(50);
		assertThat(after.get("total").get("peakInFlight").longValue()).isEqualTo(50);
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
		// the longest latency the simulator takes: the abort has a minute to get there
		CompletableFuture<LabHttp.Reply> call = simulator.getAsync("/services/shipping/c?latencyMs=60000",
				Duration.ofMillis(100));
		assertThatThrownBy(call::join).isInstanceOf(CompletionException.class)
			.hasCauseInstanceOf(HttpTimeoutException.class);
		JsonNode stats = awaitStats((s) -> Simulator.counter(s, "total", "cancelled") == 1);
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
		// 5 s: still in flight when the reset comes, however busy the machine
		CompletableFuture<LabHttp.Reply> waiting = simulator.getAsync("/services/echo/r?latencyMs=5000");
		awaitStats((stats) -> Simulator.counter(stats, "total", "inFlight") == 1);
		JsonNode reset = simulator.post("/admin/stats/reset", "").json();
		JsonNode echo = reset.get("services").get("echo");
		assertThat(echo.get("requests").longValue()).isZero();
		assertThat(echo.get("failuresInjected").longValue()).isZero();
		assertThat(echo.get("cancelled").longValue()).isZero();
		assertThat(echo.get("inFlight").longValue()).isEqualTo(1);
		assertThat(echo.get("peakInFlight").longValue()).isEqualTo(1);
		assertThat(reset.get("total").get("peakInFlight").longValue()).isEqualTo(1);
		assertThat(reset.get("services").get("loyalty").get("peakInFlight").longValue()).isZero();
		assertThat(waiting.join().status()).isEqualTo(200);
	}

	private static String metrics() {
		return simulator.get("/actuator/prometheus").body();
	}

	/** Polls the stats until they match, for at most 30 s. */
	private static JsonNode awaitStats(Predicate<JsonNode> condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
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
