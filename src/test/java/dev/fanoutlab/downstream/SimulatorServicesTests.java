package dev.fanoutlab.downstream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The services over real HTTP: latency, overrides, bodies, payments, failures. */
class SimulatorServicesTests {

	private static RunningSimulator simulator;

	@BeforeAll
	static void start() {
		simulator = RunningSimulator.start();
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	@Test
	void echoWaitsItsPresetLatency() {
		RunningSimulator.Reply reply = simulator.get("/services/echo/hello");
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().get("service").asString()).isEqualTo("echo");
		assertThat(reply.json().get("key").asString()).isEqualTo("hello");
		assertThat(reply.took().toMillis()).isGreaterThanOrEqualTo(100).isLessThan(1_600);
	}

	@Test
	void latencyOverrideIsHonoured() {
		RunningSimulator.Reply reply = simulator.get("/services/loyalty/7?latencyMs=700");
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.took().toMillis()).isGreaterThanOrEqualTo(700).isLessThan(2_200);
	}

	@Test
	void jitterOnlyAddsDelay() {
		RunningSimulator.Reply reply = simulator.get("/services/shipping/7?latencyMs=200&jitterMs=300");
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.took().toMillis()).isGreaterThanOrEqualTo(200).isLessThan(2_000);
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
		RunningSimulator.Reply approved = simulator.post("/services/payments/o-1", "{\"amountCents\": 1000000}");
		assertThat(approved.status()).isEqualTo(200);
		assertThat(approved.json().get("status").asString()).isEqualTo("APPROVED");
		assertThat(approved.json().get("authorizationId").asString()).isNotBlank();
		RunningSimulator.Reply declined = simulator.post("/services/payments/o-2", "{\"amountCents\": 1000001}");
		assertThat(declined.status()).isEqualTo(200);
		assertThat(declined.json().get("status").asString()).isEqualTo("DECLINED");
		assertThat(simulator.post("/services/payments/o-1", "{\"amountCents\": 0}").json().get("authorizationId"))
			.isEqualTo(approved.json().get("authorizationId"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"amountCents\": -1}", "{\"amountCents\": 12.5}", "{\"amountCents\": \"12\"}",
			"{\"amountCents\": null}", "[1]", "not json", "" })
	void paymentsRefuseABadAmount(String body) {
		RunningSimulator.Reply reply = simulator.post("/services/payments/o-3", body);
		assertThat(reply.status()).isEqualTo(400);
		assertProblem(reply, 400);
		assertThat(reply.json().get("errors").get(0).get("field").asString()).isIn("amountCents", "body");
	}

	@Test
	void failRateOneFailsEveryCallWithTheFailStatus() {
		for (int i = 0; i < 10; i++) {
			RunningSimulator.Reply reply = simulator.get("/services/echo/f?latencyMs=0&failRate=1&failStatus=502");
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
		RunningSimulator.Reply reply = simulator.get("/services/echo/k?" + query);
		assertProblem(reply, 400);
		assertThat(reply.json().get("errors").get(0).get("field").asString()).isEqualTo(query.split("=")[0]);
	}

	@Test
	void everyBadOverrideIsListed() {
		RunningSimulator.Reply reply = simulator
			.get("/services/echo/k?latencyMs=-1&jitterMs=-1&failRate=2&failStatus=200");
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
		RunningSimulator.Reply putPayments = simulator.put("/services/payments/1", "{\"amountCents\": 1}");
		assertProblem(putPayments, 405);
		assertThat(putPayments.header("Allow")).isEqualTo("POST");
		RunningSimulator.Reply postEcho = simulator.post("/services/echo/1", "{}");
		assertProblem(postEcho, 405);
		assertThat(postEcho.header("Allow")).isEqualTo("GET");
	}

	static void assertProblem(RunningSimulator.Reply reply, int status) {
		assertThat(reply.status()).isEqualTo(status);
		assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
		JsonNode problem = reply.json();
		assertThat(problem.get("status").intValue()).isEqualTo(status);
		assertThat(problem.get("type").asString()).startsWith("https://fanout-lab.dev/problems/");
		assertThat(problem.get("title").asString()).isNotBlank();
		assertThat(problem.get("detail").asString()).isNotBlank();
	}

}
