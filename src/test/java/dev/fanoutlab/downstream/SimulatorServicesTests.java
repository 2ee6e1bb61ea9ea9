package dev.fanoutlab.downstream;

import dev.fanoutlab.support.LabHttp;
import dev.fanoutlab.support.Simulator;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The services over real HTTP: latency, overrides, bodies, payments, failures. */
class SimulatorServicesTests {

	@AutoClose
	private static final Simulator simulator = Simulator.start();

	@Test
	void echoWaitsItsPresetLatency() {
		long start = System.nanoTime();
		LabHttp.Reply reply = simulator.get("/services/echo/hello");
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().get("service").asString()).isEqualTo("echo");
		assertThat(reply.json().get("key").asString()).isEqualTo("hello");
		assertThat(millisSince(start)).as("the fast preset's 100 ms").isGreaterThanOrEqualTo(100);
	}

	@Test
	void latencyOverrideIsHonoured() {
		assertThat(millisOf(simulator, "/services/loyalty/7?latencyMs=700")).isGreaterThanOrEqualTo(700);
	}

	@Test
	void jitterOnlyAddsDelay() {
		assertThat(millisOf(simulator, "/services/shipping/7?latencyMs=200&jitterMs=300")).isGreaterThanOrEqualTo(200);
	}

	@Test
	void bodiesAreDeterministicPerKey() {
		for (String service : new String[] { "recommendations", "loyalty", "shipping", "echo" }) {
			String first = simulator.get("/services/" + service + "/42?latencyMs=0").body();
			assertThat(simulator.get("/services/" + service + "/42?latencyMs=0").body()).isEqualTo(first);
			assertThat(simulator.get("/services/" + service + "/43?latencyMs=0").body()).isNotEqualTo(first);
		}
	}

	@Test
	void bodiesHaveTheWireFormat() {
		JsonNode recommendations = simulator.get("/services/recommendations/5?latencyMs=0").json();
		assertThat(recommendations.get("key").asString()).isEqualTo("5");
		assertThat(recommendations.get("items").size()).isBetween(3, 5);
		JsonNode item = recommendations.get("items").get(0);
		assertThat(item.get("sku").asString()).startsWith("SKU-");
		assertThat(item.get("title").asString()).isNotBlank();
		assertThat(item.get("score").doubleValue()).isBetween(0.0, 1.0);
		JsonNode loyalty = simulator.get("/services/loyalty/5?latencyMs=0").json();
		assertThat(loyalty.get("points").longValue()).isNotNegative();
		assertThat(loyalty.get("level").asString()).isIn("BRONZE", "SILVER", "GOLD", "PLATINUM");
		JsonNode shipping = simulator.get("/services/shipping/5?latencyMs=0").json();
		assertThat(shipping.get("key").asString()).isEqualTo("5");
		assertThat(shipping.get("carrier").asString()).isNotBlank();
		assertThat(shipping.get("status").asString()).isNotBlank();
		assertThat(shipping.get("eta").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
	}

	@Test
	void paymentsApproveUpToOneMillionCentsAndDeclineAbove() {
		LabHttp.Reply approved = simulator.post("/services/payments/o-1", "{\"amountCents\": 1000000}");
		assertThat(approved.status()).isEqualTo(200);
		assertThat(approved.json().get("status").asString()).isEqualTo("APPROVED");
		assertThat(approved.json().get("authorizationId").asString()).isNotBlank();
		LabHttp.Reply declined = simulator.post("/services/payments/o-2", "{\"amountCents\": 1000001}");
		assertThat(declined.status()).isEqualTo(200);
		assertThat(declined.json().get("status").asString()).isEqualTo("DECLINED");
		assertThat(simulator.post("/services/payments/o-1", "{\"amountCents\": 0}").json().get("authorizationId"))
			.isEqualTo(approved.json().get("authorizationId"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"amountCents\": -1}", "{\"amountCents\": 12.5}", "{\"amountCents\": \"12\"}",
			"{\"amountCents\": null}", "[1]", "not json", "" })
	void paymentsRefuseABadAmount(String body) {
		LabHttp.Reply reply = simulator.post("/services/payments/o-3", body);
		assertThat(reply.status()).isEqualTo(400);
		assertProblem(reply, 400);
		assertThat(reply.json().get("errors").get(0).get("field").asString()).isIn("amountCents", "body");
	}

	@Test
	void failRateOneFailsEveryCallWithTheFailStatus() {
		for (int i = 0; i < 10; i++) {
			LabHttp.Reply reply = simulator.get("/services/echo/f?latencyMs=0&failRate=1&failStatus=502");
			assertProblem(reply, 502);
			assertThat(reply.json().get("type").asString()).endsWith("/injected-failure");
		}
		assertProblem(simulator.get("/services/echo/f?latencyMs=0&failRate=1"), 503);
		assertProblem(simulator.post("/services/payments/f?latencyMs=0&failRate=1", "{\"amountCents\": 1}"), 503);
	}

	@ParameterizedTest
	@ValueSource(strings = { "latencyMs=-1", "latencyMs=60001", "latencyMs=abc", "latencyMs=", "jitterMs=60001",
			"jitterMs=1.5", "failRate=1.5", "failRate=-0.1", "failRate=x", "failRate=NaN", "failStatus=399",
			"failStatus=600", "failStatus=5e2" })
	void badOverridesAreRefused(String query) {
		LabHttp.Reply reply = simulator.get("/services/echo/k?" + query);
		assertProblem(reply, 400);
		assertThat(reply.json().get("errors").get(0).get("field").asString()).isEqualTo(query.split("=")[0]);
	}

	@Test
	void everyBadOverrideIsListed() {
		LabHttp.Reply reply = simulator.get("/services/echo/k?latencyMs=-1&jitterMs=-1&failRate=2&failStatus=200");
		assertProblem(reply, 400);
		assertThat(reply.json().get("errors").size()).isEqualTo(4);
	}

	@Test
	void unknownServiceIsNotFound() {
		assertProblem(simulator.get("/services/inventory/1"), 404);
		assertProblem(simulator.post("/services/inventory/1", "{\"amountCents\": 1}"), 404);
	}

	@Test
	void wrongMethodIsNotAllowed() {
		// GET /services/payments/{key} is the payment look-up (PaymentLookupTests)
		LabHttp.Reply putPayments = simulator.put("/services/payments/1", "{\"amountCents\": 1}");
		assertProblem(putPayments, 405);
		assertThat(putPayments.header("Allow")).contains("POST");
		LabHttp.Reply postEcho = simulator.post("/services/echo/1", "{}");
		assertProblem(postEcho, 405);
		assertThat(postEcho.header("Allow")).contains("GET");
	}

	/**
	 * How long a 200 answer to {@code path} took: a lower bound is all a test may assert,
	 * a busy machine can always be slower.
	 */
	static long millisOf(Simulator on, String path) {
		long start = System.nanoTime();
		assertThat(on.get(path).status()).isEqualTo(200);
		return millisSince(start);
	}

	private static long millisSince(long start) {
		return java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
	}

	static void assertProblem(LabHttp.Reply reply, int status) {
		assertThat(reply.status()).isEqualTo(status);
		assertThat(reply.contentType()).startsWith("application/problem+json");
		JsonNode problem = reply.json();
		assertThat(problem.get("status").intValue()).isEqualTo(status);
		assertThat(problem.get("type").asString()).startsWith("https://fanout-lab.dev/problems/");
		assertThat(problem.get("title").asString()).isNotBlank();
		assertThat(problem.get("detail").asString()).isNotBlank();
	}

}
