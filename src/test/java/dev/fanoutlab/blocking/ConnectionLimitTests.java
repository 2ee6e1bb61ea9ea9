package dev.fanoutlab.blocking;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lab.http.max-connections} bounds the calls in flight to the simulator, even
 * where threads do not ({@code virtual}: one thread per call).
 */
class ConnectionLimitTests {

	private static RunningSimulator simulator;

	private static RunningStack stack;

	@BeforeAll
	static void start() {
		simulator = RunningSimulator.start();
		stack = RunningStack.start(true, Map.of("lab.downstream.url", simulator.url(), "lab.http.max-connections", 3));
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

	@Test
	void neverMoreCallsInFlightThanConnections() {
		simulator.resetStats();
		HttpResponse<String> response = stack.get("/api/fanout?calls=9&latencyMs=300&mode=parallel");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(simulator.stat("echo", "peakInFlight")).isEqualTo(3);
		// 9 calls, 3 at a time: three rounds of 300 ms
		assertThat(RunningStack.json(response).get("elapsedMs").asLong()).isGreaterThanOrEqualTo(900);
		assertThat(RunningStack.json(stack.get("/api/info")).get("pools").get("http").get("max").asInt()).isEqualTo(3);
	}

}
