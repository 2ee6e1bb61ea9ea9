package dev.fanoutlab.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.fanoutlab.support.LabCluster;
import dev.fanoutlab.support.LabHttp.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/customers/{id}/overview}: the fan-out, on every stack. */
class OverviewContractTests extends ContractTestSupport {

	/** Seeded with 5 orders ((5 * 7) % 6). */
	static final int CUSTOMER_WITH_ORDERS = 5;

	/** Seeded with no order ((6 * 7) % 6). */
	static final int CUSTOMER_WITHOUT_ORDERS = 6;

	@EachStack
	void aggregatesTheCustomerOrdersShipmentRecommendationsAndLoyalty(String stack) {
		Reply reply = get(stack, "/api/customers/" + CUSTOMER_WITH_ORDERS + "/overview");
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.contentType()).startsWith("application/json");
		JsonNode body = reply.json();
		assertThat(body.propertyNames()).containsExactlyInAnyOrder("customer", "orders", "latestShipment",
				"recommendations", "loyalty", "degraded");
		assertThat(body.path("customer").propertyNames()).containsExactlyInAnyOrder("id", "name", "email", "tier");
		assertThat(body.path("customer").path("id").asLong()).isEqualTo(CUSTOMER_WITH_ORDERS);
		JsonNode orders = body.path("orders");
		assertThat(orders.size()).isEqualTo(5);
		List<String> createdAt = new ArrayList<>();
		orders.forEach((order) -> {
			assertThat(order.propertyNames()).containsExactlyInAnyOrder("id", "totalCents", "status", "createdAt");
			createdAt.add(order.path("createdAt").asString());
		});
		assertThat(createdAt).as("newest first").isSortedAccordingTo((a, b) -> b.compareTo(a));
		JsonNode shipment = body.path("latestShipment");
		assertThat(shipment.propertyNames()).containsExactlyInAnyOrder("orderId", "carrier", "status", "eta");
		assertThat(shipment.path("orderId").asLong()).isEqualTo(orders.get(0).path("id").asLong());
		assertThat(body.path("recommendations").size()).isPositive();
		body.path("recommendations")
			.forEach((item) -> assertThat(item.propertyNames()).containsExactlyInAnyOrder("sku", "title", "score"));
		assertThat(body.path("loyalty").propertyNames()).containsExactlyInAnyOrder("points", "level");
		assertThat(body.path("degraded").isArray()).isTrue();
		assertThat(body.path("degraded").size()).isZero();
	}

	@Test
	void everyStackAnswersTheSameBodyForTheSameCustomer() {
		for (int id : new int[] { 1, CUSTOMER_WITH_ORDERS, CUSTOMER_WITHOUT_ORDERS, 9999 }) {
			Set<JsonNode> bodies = new java.util.HashSet<>();
			for (String stack : STACKS) {
				Reply reply = get(stack, "/api/customers/" + id + "/overview");
				assertThat(reply.status()).as(reply.body()).isEqualTo(200);
				bodies.add(reply.json());
			}
			assertThat(bodies).as("bodies for customer %d", id).hasSize(1);
		}
	}

	@EachStack
	void aCustomerWithoutOrdersHasNoShipmentAndNoShippingCall(String stack) {
		this.simulator.resetStats();
		Reply reply = get(stack, "/api/customers/" + CUSTOMER_WITHOUT_ORDERS + "/overview");
		assertThat(reply.status()).isEqualTo(200);
		JsonNode body = reply.json();
		assertThat(body.path("orders").size()).isZero();
		assertThat(body.path("latestShipment").isNull()).isTrue();
		assertThat(body.path("degraded").size()).isZero();
		assertThat(this.simulator.service("shipping", "requests")).isZero();
	}

	@EachStack
	void traceTellsWhichThreadRanEachStepAndWhen(String stack) {
		Reply reply = get(stack, "/api/customers/" + CUSTOMER_WITH_ORDERS + "/overview?trace=true");
		assertThat(reply.status()).isEqualTo(200);
		JsonNode trace = reply.json().path("trace");
		assertThat(trace.propertyNames()).containsExactlyInAnyOrder("stack", "totalMs", "calls");
		assertThat(trace.path("stack").asString()).isEqualTo(stack);
		List<String> names = new ArrayList<>();
		for (JsonNode call : trace.path("calls")) {
			assertThat(call.propertyNames()).containsExactlyInAnyOrder("name", "startMs", "durationMs", "thread",
					"outcome");
			names.add(call.path("name").asString());
			assertThat(call.path("outcome").asString()).isEqualTo("ok");
			assertThat(call.path("thread").asString()).isNotBlank();
			assertThat(call.path("startMs").asLong()).isBetween(0L, trace.path("totalMs").asLong());
			assertThat(call.path("durationMs").asLong()).isNotNegative();
		}
		assertThat(names).containsExactlyInAnyOrder("customer", "orders", "recommendations", "loyalty", "shipping");
		JsonNode shipping = call(trace, "shipping");
		JsonNode orders = call(trace, "orders");
		// both numbers are truncated to whole milliseconds: allow one of rounding
		assertThat(shipping.path("startMs").asLong()).as("shipping waits for the orders")
			.isGreaterThanOrEqualTo(orders.path("startMs").asLong() + orders.path("durationMs").asLong() - 1);
	}

	@ParameterizedTest(name = "{0} with {1} failing")
	@CsvSource({ "reactive,loyalty", "blocking,loyalty", "virtual,loyalty", "reactive,recommendations",
			"blocking,recommendations", "virtual,recommendations", "reactive,shipping", "blocking,shipping",
			"virtual,shipping" })
	void aFailingOptionalPartBecomesAFallbackNamedInDegraded(String stack, String service) {
		this.simulator.set(service, "\"failRate\":1,\"failStatus\":503");
		JsonNode body = okOverview(stack);
		assertThat(body.path("degraded")).extracting(JsonNode::asString).containsExactly(service);
		assertFallback(body, service);
		assertThat(call(body.path("trace"), service).path("outcome").asString()).isIn("error", "fallback");
	}

	@ParameterizedTest(name = "{0} with {1} too slow")
	@CsvSource({ "reactive,recommendations", "blocking,recommendations", "virtual,recommendations", "reactive,loyalty",
			"blocking,loyalty", "virtual,loyalty" })
	void anOptionalPartPastItsTimeoutBecomesAFallback(String stack, String service) {
		this.simulator.set(service, "\"latencyMs\":" + LabCluster.PAST_THE_TIMEOUT_MS);
		JsonNode body = okOverview(stack);
		assertThat(body.path("degraded")).extracting(JsonNode::asString).containsExactly(service);
		assertFallback(body, service);
		assertThat(call(body.path("trace"), service).path("outcome").asString()).isIn("timeout", "fallback");
	}

	@EachStack
	void everyOptionalPartFailingStillAnswers200(String stack) {
		for (String service : List.of("recommendations", "loyalty", "shipping")) {
			this.simulator.set(service, "\"failRate\":1");
		}
		JsonNode body = okOverview(stack);
		assertThat(body.path("degraded")).extracting(JsonNode::asString)
			.containsExactlyInAnyOrder("recommendations", "loyalty", "shipping");
		assertThat(body.path("customer").path("id").asLong()).isEqualTo(CUSTOMER_WITH_ORDERS);
		assertThat(body.path("orders").size()).isEqualTo(5);
	}

	@EachStack
	void anUnknownCustomerIs404(String stack) {
		assertProblem(get(stack, "/api/customers/10001/overview"), 404);
	}

	@ParameterizedTest(name = "{0} with id {1}")
	@CsvSource({ "reactive,abc", "blocking,abc", "virtual,abc", "reactive,0", "blocking,0", "virtual,0", "reactive,-5",
			"blocking,-5", "virtual,-5", "reactive,9223372036854775808", "blocking,9223372036854775808",
			"virtual,9223372036854775808", "reactive,1.5", "blocking,1.5", "virtual,1.5" })
	void anIdThatIsNotAPositive64BitIntegerIs400(String stack, String id) {
		assertInvalid(get(stack, "/api/customers/" + id + "/overview"), "id");
	}

	private JsonNode okOverview(String stack) {
		Reply reply = get(stack, "/api/customers/" + CUSTOMER_WITH_ORDERS + "/overview?trace=true");
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		return reply.json();
	}

	private static void assertFallback(JsonNode body, String service) {
		switch (service) {
			case "recommendations" -> assertThat(body.path("recommendations").size()).isZero();
			case "loyalty" -> assertThat(body.path("loyalty").isNull()).isTrue();
			case "shipping" -> assertThat(body.path("latestShipment").isNull()).isTrue();
			default -> throw new IllegalArgumentException(service);
		}
	}

	static JsonNode call(JsonNode trace, String name) {
		for (JsonNode call : trace.path("calls")) {
			if (call.path("name").asString().equals(name)) {
				return call;
			}
		}
		throw new AssertionError("no call " + name + " in " + trace);
	}

}
