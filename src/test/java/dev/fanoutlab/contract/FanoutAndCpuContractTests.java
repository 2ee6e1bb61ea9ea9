package dev.fanoutlab.contract;

import java.util.Map;
import java.util.stream.IntStream;

import dev.fanoutlab.support.LabHttp.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/fanout} and {@code GET /api/cpu}, on every stack. */
class FanoutAndCpuContractTests extends ContractTestSupport {

	@EachStack
	void parallelFanOutHasEveryCallInFlightAtOnce(String stack) {
		this.simulator.resetStats();
		// 2 s each: five calls sent at once are certainly in flight together
		JsonNode body = fanout(stack, 5, 2000, "parallel");
		assertThat(body.path("mode").asString()).isEqualTo("parallel");
		assertThat(this.simulator.total("peakInFlight")).as("calls in flight together").isEqualTo(5);
		assertThat(body.path("elapsedMs").asLong()).as("at least the one call").isGreaterThanOrEqualTo(2000);
	}

	@EachStack
	void sequentialFanOutHasOneCallInFlightAndCostsTheSum(String stack) {
		this.simulator.resetStats();
		JsonNode body = fanout(stack, 5, 200, "sequential");
		assertThat(body.path("mode").asString()).isEqualTo("sequential");
		assertThat(this.simulator.total("peakInFlight")).as("calls in flight together").isEqualTo(1);
		assertThat(body.path("elapsedMs").asLong()).as("the sum of the calls").isGreaterThanOrEqualTo(1000);
	}

	@EachStack
	void modeDefaultsToParallel(String stack) {
		Reply reply = get(stack, "/api/fanout?calls=2&latencyMs=0");
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().path("mode").asString()).isEqualTo("parallel");
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', value = { "reactive|calls=0&latencyMs=10|calls", "blocking|calls=0&latencyMs=10|calls",
			"virtual|calls=0&latencyMs=10|calls", "reactive|calls=101&latencyMs=10|calls",
			"blocking|calls=101&latencyMs=10|calls", "virtual|calls=101&latencyMs=10|calls",
			"reactive|calls=x&latencyMs=10|calls", "blocking|calls=x&latencyMs=10|calls",
			"virtual|calls=x&latencyMs=10|calls", "reactive|calls=3&latencyMs=-1|latencyMs",
			"blocking|calls=3&latencyMs=-1|latencyMs", "virtual|calls=3&latencyMs=-1|latencyMs",
			"reactive|calls=3&latencyMs=10001|latencyMs", "blocking|calls=3&latencyMs=10001|latencyMs",
			"virtual|calls=3&latencyMs=10001|latencyMs", "reactive|calls=3&latencyMs=10&mode=diagonal|mode",
			"blocking|calls=3&latencyMs=10&mode=diagonal|mode", "virtual|calls=3&latencyMs=10&mode=diagonal|mode" })
	void fanOutOutsideItsBoundsIs400(String stack, String query, String field) {
		assertInvalid(get(stack, "/api/fanout?" + query), field);
	}

	/**
	 * Digests computed outside the project: {@code printf fanout-lab | sha256sum}, then
	 * SHA-256 of each digest's bytes in turn (Python's hashlib), {@code rounds} in all.
	 */
	static final Map<Integer, String> KNOWN_DIGESTS = Map.of(1,
			"2361c1dfce181545a6bb1327d100b59f3d2ffe78afc272b8340b700cd3a7ff99", 1000,
			"a886312abb5e459ab7ef2046a33ac83cd4408faf52027932333ed383cbd3b84f", 5000,
			"f961cf81b0492e27f97324c0239d6a46ad05d77602f4869bbc3a09705810c551");

	@EachStack
	void cpuGivesKnownDigests(String stack) {
		for (int rounds : new int[] { 1, 1000, 5000 }) {
			Reply reply = get(stack, "/api/cpu?rounds=" + rounds);
			assertThat(reply.status()).isEqualTo(200);
			JsonNode body = reply.json();
			assertThat(body.propertyNames()).containsExactlyInAnyOrder("rounds", "digest", "elapsedMs");
			assertThat(body.path("rounds").asInt()).isEqualTo(rounds);
			assertThat(body.path("digest").asString()).isEqualTo(KNOWN_DIGESTS.get(rounds));
		}
	}

	@Test
	void cpuDigestIsTheSameOnEveryStack() {
		assertThat(STACKS.stream()
			.map((stack) -> get(stack, "/api/cpu?rounds=5000").json().path("digest").asString())
			.distinct()).containsExactly(KNOWN_DIGESTS.get(5000));
	}

	@ParameterizedTest(name = "{0}: rounds={1}")
	@CsvSource({ "reactive,0", "blocking,0", "virtual,0", "reactive,1000001", "blocking,1000001", "virtual,1000001",
			"reactive,abc", "blocking,abc", "virtual,abc" })
	void cpuOutsideItsBoundsIs400(String stack, String rounds) {
		assertInvalid(get(stack, "/api/cpu?rounds=" + rounds), "rounds");
	}

	private JsonNode fanout(String stack, int calls, int latencyMs, String mode) {
		Reply reply = get(stack, "/api/fanout?calls=" + calls + "&latencyMs=" + latencyMs + "&mode=" + mode);
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		JsonNode body = reply.json();
		assertThat(body.propertyNames()).containsExactlyInAnyOrder("mode", "calls", "latencyMs", "elapsedMs",
				"results");
		assertThat(body.path("calls").asInt()).isEqualTo(calls);
		assertThat(body.path("latencyMs").asInt()).isEqualTo(latencyMs);
		assertThat(body.path("results")).extracting((result) -> result.path("key").asString())
			.containsExactlyElementsOf(IntStream.range(0, calls).mapToObj(String::valueOf).toList());
		return body;
	}

}
