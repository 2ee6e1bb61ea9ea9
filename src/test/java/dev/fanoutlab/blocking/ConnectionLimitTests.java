package dev.fanoutlab.blocking;

import java.net.http.HttpResponse;
import java.util.Map;

import dev.fanoutlab.support.Simulator;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lab.http.max-connections} bounds the calls in flight to the simulator, even
 * where threads do not ({@code virtual}: one thread per call).
 */
class ConnectionLimitTests {

	private static final int CONNECTIONS = 3;

	@AutoClose
	private static Simulator simulator;

	@AutoClose
	private static RunningStack stack;

	@BeforeAll
	static void start() {
		simulator = Simulator.start();
		// time limits far above the test's latencies: only the connection limit shapes
		// the calls
		stack = RunningStack.start(true, Map.of("lab.downstream.url", simulator.url(), "lab.http.max-connections",
				CONNECTIONS, "lab.downstream.timeout", "30s", "lab.http.pending-acquire-timeout", "30s"));
	}

	@Test
	void neverMoreCallsInFlightThanConnections() {
		simulator.resetStats();
		// 6 calls of 2 s each on virtual threads: all 6 would be in flight together
		// without the limit; with it, exactly 3 are, in two rounds
		HttpResponse<String> response = stack.get("/api/fanout?calls=6&latencyMs=2000&mode=parallel");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(simulator.service("echo", "peakInFlight")).isEqualTo(CONNECTIONS);
		assertThat(simulator.service("echo", "requests")).isEqualTo(6);
		assertThat(RunningStack.json(response).get("elapsedMs").asLong()).isGreaterThanOrEqualTo(4000);
		assertThat(RunningStack.json(stack.get("/api/info")).get("pools").get("http").get("max").asInt())
			.isEqualTo(CONNECTIONS);
	}

}
