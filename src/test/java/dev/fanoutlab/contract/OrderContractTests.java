package dev.fanoutlab.contract;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import dev.fanoutlab.api.CreateOrderRequest;
import dev.fanoutlab.api.OrderFingerprint;
import dev.fanoutlab.api.OrderItem;
import dev.fanoutlab.support.LabCluster;
import dev.fanoutlab.support.LabHttp;
import dev.fanoutlab.support.LabHttp.Reply;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/customers/{id}/orders}: idempotent, authorised once, never lost or
 * doubled, on every stack.
 */
class OrderContractTests extends ContractTestSupport {

	/**
	 * Each stack orders for its own customer, so that tests never see each other's rows.
	 */
	static final Map<String, Integer> CUSTOMER = Map.of("reactive", 9001, "blocking", 9002, "virtual", 9003);

	static final String ONE_ITEM = "{\"items\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"priceCents\":1250}]}";

	static final String OTHER_ITEM = "{\"items\":[{\"sku\":\"SKU-2\",\"quantity\":1,\"priceCents\":999}]}";

	@EachStack
	void createsAConfirmedOrderAuthorisedOnce(String stack) {
		String key = newKey();
		this.simulator.resetStats();
		Reply reply = create(stack, key, ONE_ITEM);
		assertThat(reply.status()).as(reply.body()).isEqualTo(201);
		JsonNode order = reply.json();
		assertThat(order.propertyNames()).containsExactlyInAnyOrder("id", "customerId", "totalCents", "status",
				"createdAt", "authorizationId");
		assertThat(order.path("customerId").asLong()).isEqualTo(CUSTOMER.get(stack).longValue());
		assertThat(order.path("totalCents").asLong()).isEqualTo(2500);
		assertThat(order.path("status").asString()).isEqualTo("CONFIRMED");
		assertThat(order.path("authorizationId").asString()).isNotBlank();
		String location = reply.header("Location").orElseThrow();
		assertThat(location).endsWith("/api/customers/" + CUSTOMER.get(stack) + "/orders/" + order.path("id").asLong());
		Reply stored = get(stack,
				location.startsWith("http") ? location.substring(this.lab.url(stack).length()) : location);
		assertThat(stored.status()).isEqualTo(200);
		assertThat(stored.json()).isEqualTo(order);
		assertThat(ordersWithKey(key)).isEqualTo(1);
		assertThat(this.simulator.service("payments", "requests")).isEqualTo(1);
	}

	@EachStack
	void theSameKeyAgainReturnsTheSameOrderWithoutASecondRowOrAuthorisation(String stack) {
		String key = newKey();
		Reply first = create(stack, key, ONE_ITEM);
		assertThat(first.status()).isEqualTo(201);
		this.simulator.resetStats();
		Reply again = create(stack, key, ONE_ITEM);
		assertThat(again.status()).isEqualTo(201);
		assertThat(again.json()).isEqualTo(first.json());
		assertThat(again.header("Location")).isEqualTo(first.header("Location"));
		assertThat(again.header("Idempotent-Replayed")).contains("true");
		assertThat(ordersWithKey(key)).isEqualTo(1);
		assertThat(this.simulator.service("payments", "requests")).isZero();
	}

	@EachStack
	void theSameKeyWithAnotherBodyIs422(String stack) {
		String key = newKey();
		assertThat(create(stack, key, ONE_ITEM).status()).isEqualTo(201);
		assertProblem(create(stack, key, OTHER_ITEM), 422);
		assertThat(ordersWithKey(key)).isEqualTo(1);
	}

	@EachStack
	void twentyRacingCreatesWithOneKeyStoreOneRowAndAuthoriseOnce(String stack) {
		String key = newKey();
		this.simulator.resetStats();
		List<CompletableFuture<Reply>> racing = IntStream.range(0, 20)
			.mapToObj((i) -> LabHttp.postAsync(ordersUrl(stack), ONE_ITEM, "Idempotency-Key", key))
			.toList();
		List<Reply> replies = racing.stream().map(CompletableFuture::join).toList();
		assertThat(replies).extracting(Reply::status).allMatch((status) -> status == 201 || status == 409);
		List<Long> ids = replies.stream()
			.filter((reply) -> reply.status() == 201)
			.map((reply) -> reply.json().path("id").asLong())
			.distinct()
			.toList();
		assertThat(ids).hasSize(1);
		replies.stream().filter((reply) -> reply.status() == 409).forEach((reply) -> assertProblem(reply, 409));
		assertThat(ordersWithKey(key)).isEqualTo(1);
		assertThat(this.simulator.service("payments", "requests")).isEqualTo(1);
	}

	@EachStack
	void aKeyClaimedByARequestStillPayingIs409WithRetryAfter(String stack) {
		String key = newKey();
		insertPendingClaim(stack, key, "now()");
		Reply reply = create(stack, key, ONE_ITEM);
		assertProblem(reply, 409);
		assertThat(reply.header("Retry-After")).contains("1");
		assertThat(ordersWithKey(key)).isEqualTo(1);
	}

	@EachStack
	void aClaimAbandonedLongAgoIsReleasedAndTheKeyServesAgain(String stack) {
		String key = newKey();
		insertPendingClaim(stack, key, "now() - interval '1 hour'");
		Reply reply = create(stack, key, ONE_ITEM);
		assertThat(reply.status()).as(reply.body()).isEqualTo(201);
		assertThat(reply.json().path("status").asString()).isEqualTo("CONFIRMED");
		assertThat(ordersWithKey(key)).isEqualTo(1);
	}

	/** A PENDING row as a create leaves it between its claim and its confirmation. */
	private static void insertPendingClaim(String stack, String key, String createdAt) {
		long customerId = CUSTOMER.get(stack);
		String fingerprint = OrderFingerprint.of(customerId,
				new CreateOrderRequest(List.of(new OrderItem("SKU-1", 2, 1250L))));
		execute("INSERT INTO purchase_order (customer_id, total_cents, status, idempotency_key, request_hash, created_at) "
				+ "VALUES (" + customerId + ", 2500, 'PENDING', ?, '" + fingerprint + "', " + createdAt + ")", key);
	}

	@EachStack
	void aDeclinedPaymentIs402AndStoresNothing(String stack) {
		String key = newKey();
		String tooMuch = "{\"items\":[{\"sku\":\"YACHT\",\"quantity\":2,\"priceCents\":600000}]}";
		assertProblem(create(stack, key, tooMuch), 402);
		assertThat(ordersWithKey(key)).isZero();
	}

	@EachStack
	void aFailingPaymentServiceIs502AndStoresNothing(String stack) {
		String key = newKey();
		this.simulator.set("payments", "\"failRate\":1,\"failStatus\":500");
		assertProblem(create(stack, key, ONE_ITEM), 502);
		assertThat(ordersWithKey(key)).isZero();
		this.simulator.preset("fast");
		assertThat(create(stack, key, ONE_ITEM).status()).as("the key is free again").isEqualTo(201);
		assertThat(ordersWithKey(key)).isEqualTo(1);
	}

	/**
	 * A payment call cut by its timeout is not a failed payment: the payment service's
	 * record of the key says it was never answered, so nothing was paid, nothing is
	 * stored, and the answer is 503 + Retry-After; the retry with the key creates the
	 * order.
	 */
	@EachStack
	void aPaymentPastItsTimeoutIs503WithRetryAfterStoresNothingAndTheRetryCreatesTheOrder(String stack) {
		String key = newKey();
		this.simulator.set("payments", "\"latencyMs\":" + LabCluster.PAST_THE_TIMEOUT_MS);
		Reply timedOut = create(stack, key, ONE_ITEM);
		assertThat(assertProblem(timedOut, 503).path("type").asString()).endsWith("/payment-unavailable");
		assertThat(timedOut.header("Retry-After")).contains("1");
		assertThat(ordersWithKey(key)).isZero();
		this.simulator.preset("fast");
		Reply retried = create(stack, key, ONE_ITEM);
		assertThat(retried.status()).as(retried.body()).isEqualTo(201);
		assertThat(ordersWithKey(key)).isEqualTo(1);
	}

	/**
	 * The call ended without an answer, but the payment service did authorise it (its
	 * answer was lost on the way back): the record of the key says so, and the order is
	 * confirmed, 201.
	 */
	@EachStack
	void aPaymentWhoseAnswerWasLostButWhichWentThroughIsConfirmed(String stack) {
		String key = newKey();
		// the payment is authorised before the stack asks (as if its answer had been
		// lost);
		// the stack's own call then times out and the record of the key settles it
		LabHttp.Reply paid = LabHttp.post(this.lab.simulatorUrl() + "/services/payments/" + key + "?latencyMs=0",
				"{\"amountCents\": 2500}");
		assertThat(paid.status()).isEqualTo(200);
		this.simulator.set("payments", "\"latencyMs\":" + LabCluster.PAST_THE_TIMEOUT_MS);
		Reply reply = create(stack, key, ONE_ITEM);
		assertThat(reply.status()).as(reply.body()).isEqualTo(201);
		assertThat(reply.json().path("authorizationId").asString())
			.isEqualTo(paid.json().path("authorizationId").asString());
		assertThat(count("SELECT count(*) FROM purchase_order WHERE idempotency_key = ? AND status = 'CONFIRMED'", key))
			.isEqualTo(1);
	}

	@EachStack
	void anUnknownCustomerIs404AndStoresNothing(String stack) {
		String key = newKey();
		Reply reply = LabHttp.post(url(stack, "/api/customers/10001/orders"), ONE_ITEM, "Idempotency-Key", key);
		assertProblem(reply, 404);
		assertThat(ordersWithKey(key)).isZero();
	}

	@EachStack
	void aMissingIdempotencyKeyIs400(String stack) {
		assertInvalid(LabHttp.post(ordersUrl(stack), ONE_ITEM), "Idempotency-Key");
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|',
			value = { "reactive|{\"items\":[|body", "blocking|{\"items\":[|body", "virtual|{\"items\":[|body",
					"reactive|{\"items\":[{\"sku\":\"A\",\"quantity\":\"two\",\"priceCents\":1}]}|items[0].quantity",
					"blocking|{\"items\":[{\"sku\":\"A\",\"quantity\":\"two\",\"priceCents\":1}]}|items[0].quantity",
					"virtual|{\"items\":[{\"sku\":\"A\",\"quantity\":\"two\",\"priceCents\":1}]}|items[0].quantity",
					"reactive|{\"items\":[]}|items", "blocking|{\"items\":[]}|items", "virtual|{\"items\":[]}|items",
					"reactive|{}|items", "blocking|{}|items", "virtual|{}|items",
					"reactive|{\"items\":[{\"sku\":\"A\",\"quantity\":-1,\"priceCents\":1}]}|items[0].quantity",
					"blocking|{\"items\":[{\"sku\":\"A\",\"quantity\":-1,\"priceCents\":1}]}|items[0].quantity",
					"virtual|{\"items\":[{\"sku\":\"A\",\"quantity\":-1,\"priceCents\":1}]}|items[0].quantity",
					"reactive|{\"items\":[{\"sku\":\"A\",\"quantity\":1000000,\"priceCents\":1}]}|items[0].quantity",
					"blocking|{\"items\":[{\"sku\":\"A\",\"quantity\":1000000,\"priceCents\":1}]}|items[0].quantity",
					"virtual|{\"items\":[{\"sku\":\"A\",\"quantity\":1000000,\"priceCents\":1}]}|items[0].quantity",
					"reactive|{\"items\":[{\"quantity\":1,\"priceCents\":1}]}|items[0].sku",
					"blocking|{\"items\":[{\"quantity\":1,\"priceCents\":1}]}|items[0].sku",
					"virtual|{\"items\":[{\"quantity\":1,\"priceCents\":1}]}|items[0].sku" })
	void aBadBodyIs400WithFieldErrorsAndStoresNothing(String stack, String body, String field) {
		String key = newKey();
		assertInvalid(create(stack, key, body), field);
		assertThat(ordersWithKey(key)).isZero();
	}

	@EachStack
	void anOversizedBodyIs413AndStoresNothing(String stack) {
		String key = newKey();
		String huge = "{\"items\":[{\"sku\":\"A\",\"quantity\":1,\"priceCents\":1,\"note\":\"" + "x".repeat(70_000)
				+ "\"}]}";
		assertProblem(create(stack, key, huge), 413);
		assertThat(ordersWithKey(key)).isZero();
	}

	private Reply create(String stack, String key, String body) {
		Reply reply = LabHttp.post(ordersUrl(stack), body, "Idempotency-Key", key);
		assertThat(reply.header("X-Lab-Stack")).contains(stack);
		return reply;
	}

	private String ordersUrl(String stack) {
		return url(stack, "/api/customers/" + CUSTOMER.get(stack) + "/orders");
	}

	private static String newKey() {
		return "test-" + UUID.randomUUID();
	}

}
