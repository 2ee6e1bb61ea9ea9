package dev.fanoutlab.blocking;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;

import dev.fanoutlab.api.CustomerOverview;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code blocking} role on the real database, with no simulator behind it (its URL
 * refuses connections): what must work without one, and every optional part falling back.
 */
class BlockingStackTests {

	private static RunningStack stack;

	@BeforeAll
	static void start() {
		stack = RunningStack.start(false, Map.of("lab.downstream.url", "http://localhost:1"));
	}

	@AfterAll
	static void stop() {
		stack.close();
	}

	@Test
	void runsOnTomcatWithoutAnR2dbcConnectionFactory() {
		WebServerApplicationContext context = (WebServerApplicationContext) stack.context();
		assertThat(context.getWebServer()).isInstanceOf(TomcatWebServer.class);
		assertThat(stack.context().getBeanNamesForType(ConnectionFactory.class)).isEmpty();
	}

	@Test
	void infoShowsThePoolsInForce() {
		HttpResponse<String> response = stack.get("/api/info");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Lab-Stack")).contains("blocking");
		JsonNode info = RunningStack.json(response);
		assertThat(info.get("stack").asString()).isEqualTo("blocking");
		assertThat(info.get("server").asString()).isEqualTo("Tomcat");
		assertThat(info.get("threadModel").asString()).isEqualTo("thread per request (platform threads)");
		assertThat(info.get("virtualThreads").asBoolean()).isFalse();
		JsonNode pools = info.get("pools");
		assertThat(pools.get("server").get("max").asInt()).isEqualTo(200);
		assertThat(pools.get("db").get("max").asInt()).isEqualTo(5);
		// 3 downstream calls per overview x the requests admitted at once
		// (api.HttpConnectionRule)
		assertThat(pools.get("http").get("max").asInt()).isEqualTo(3 * pools.get("admission").get("max").asInt());
		assertThat(pools.get("http").get("rule").asString()).startsWith("3 downstream calls per overview x ");
		assertThat(pools.get("http").get("kind").asString()).endsWith("the client's own tasks on "
				+ Runtime.getRuntime().availableProcessors() + " platform threads, one per core (http-client-N)");
		// by its rule: 2 x the 200 request threads
		assertThat(pools.get("fanout").get("max").asInt()).isEqualTo(600);
		assertThat(pools.get("fanout").get("rule").asString()).startsWith("3 x Tomcat threads");
		assertThat(pools.get("cpu").get("max").isNull()).isTrue();
	}

	@Test
	void everyResponseCarriesTheStackHeader() {
		for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/api/nothing", "/v3/api-docs")) {
			assertThat(stack.get(path).headers().firstValue("X-Lab-Stack")).as(path).contains("blocking");
		}
	}

	@Test
	void unknownPathIsAProblemOnTheRealServer() {
		HttpResponse<String> response = stack.get("/api/nothing");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(RunningStack.json(response).get("detail").asString()).isEqualTo("No endpoint GET /api/nothing.");
	}

	@Test
	void openApiListsTheApiPaths() {
		JsonNode paths = RunningStack.json(stack.get("/v3/api-docs")).get("paths");
		assertThat(paths.propertyNames()).contains("/api/customers/{id}/overview", "/api/customers/{id}/orders",
				"/api/customers/{id}/orders/{orderId}", "/api/fanout", "/api/cpu", "/api/info");
	}

	@Test
	void chunkedBodyOver64KiBIs413() {
		byte[] big = ("{\"items\":[{\"sku\":\"" + "A".repeat(70_000) + "\",\"quantity\":1,\"priceCents\":1}]}")
			.getBytes(StandardCharsets.UTF_8);
		// no Content-Length: the limit has to count the bytes as they come
		HttpRequest request = stack.request("/api/customers/1/orders")
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", "chunked-1")
			.POST(unknownLength(big))
			.build();
		HttpResponse<String> response = stack.send(request);
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(RunningStack.json(response).get("type").asString())
			.isEqualTo("https://fanout-lab.dev/problems/payload-too-large");
	}

	@Test
	void invalidItemsAre400WithEveryField() {
		HttpResponse<String> response = stack.send(stack.request("/api/customers/1/orders")
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", "invalid-1")
			.POST(HttpRequest.BodyPublishers.ofString("{\"items\":[{\"sku\":\"\",\"quantity\":0,\"priceCents\":-1}]}"))
			.build());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(RunningStack.json(response).get("errors")).hasSize(3);
	}

	@Test
	void createForAnUnknownCustomerIs404() {
		HttpResponse<String> response = stack.send(stack.request("/api/customers/99999999/orders")
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", "unknown-customer-1")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"items\":[{\"sku\":\"A-1\",\"quantity\":1,\"priceCents\":100}]}"))
			.build());
		assertThat(response.statusCode()).isEqualTo(404);
	}

	@Test
	void readsAStoredOrderOfTheCustomerOnly() {
		// customer 5 has (5 * 7) % 6 = 5 seeded orders
		JsonNode orders = RunningStack.json(stack.get("/api/customers/5/overview")).get("orders");
		long orderId = orders.get(0).get("id").asLong();
		HttpResponse<String> own = stack.get("/api/customers/5/orders/" + orderId);
		assertThat(own.statusCode()).isEqualTo(200);
		assertThat(RunningStack.json(own).get("customerId").asLong()).isEqualTo(5);
		assertThat(stack.get("/api/customers/6/orders/" + orderId).statusCode()).isEqualTo(404);
	}

	@Test
	void overviewOfAnUnknownCustomerIs404() {
		HttpResponse<String> response = stack.get("/api/customers/99999999/overview");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(RunningStack.json(response).get("type").asString())
			.isEqualTo("https://fanout-lab.dev/problems/not-found");
	}

	@Test
	void overviewFallsBackForEveryOptionalPartWhenTheServicesAreDown() {
		HttpResponse<String> response = stack.get("/api/customers/5/overview?trace=true");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode overview = RunningStack.json(response);
		assertThat(overview.get("customer").get("id").asLong()).isEqualTo(5);
		assertThat(overview.get("orders")).hasSize(5);
		assertThat(overview.get("recommendations")).isEmpty();
		assertThat(overview.get("loyalty").isNull()).isTrue();
		assertThat(overview.get("latestShipment").isNull()).isTrue();
		assertThat(overview.get("degraded").valueStream().map(JsonNode::asString))
			.containsExactly(CustomerOverview.RECOMMENDATIONS, CustomerOverview.LOYALTY, CustomerOverview.SHIPPING);
		JsonNode trace = overview.get("trace");
		assertThat(trace.get("stack").asString()).isEqualTo("blocking");
		assertThat(trace.get("calls").valueStream().map((call) -> call.get("name").asString()))
			.containsExactly("customer", "orders", "recommendations", "loyalty", "shipping");
		// the customer on the request thread, the rest beside it
		assertThat(trace.get("calls").valueStream().map((call) -> call.get("thread").asString())).satisfiesExactly(
				(customer) -> assertThat(customer).startsWith("http-nio-"),
				(orders) -> assertThat(orders).startsWith("fanout-"),
				(recommendations) -> assertThat(recommendations).startsWith("fanout-"),
				(loyalty) -> assertThat(loyalty).startsWith("fanout-"),
				(shipping) -> assertThat(shipping).startsWith("fanout-"));
		assertThat(trace.get("calls").get(2).get("outcome").asString()).isEqualTo("fallback");
	}

	@Test
	void customerWithoutOrdersHasNoShippingCallAndIsNotDegradedForIt() {
		// customer 6: (6 * 7) % 6 = 0 seeded orders
		JsonNode overview = RunningStack.json(stack.get("/api/customers/6/overview"));
		assertThat(overview.get("orders")).isEmpty();
		assertThat(overview.get("degraded").valueStream().map(JsonNode::asString))
			.doesNotContain(CustomerOverview.SHIPPING);
	}

	@Test
	void exposesTheLabMetrics() {
		stack.get("/api/customers/5/overview");
		String metrics = stack.get("/actuator/prometheus").body();
		assertThat(metrics).contains("lab_overview_part_seconds_count{", "part=\"customer\"", "outcome=\"ok\"",
				"lab_overview_degraded_total{", "lab_requests_inflight", "lab_fanout_executor");
		// the bench scripts read this name and label (bench/report_data.py prom)
		assertThat(metrics).contains("lab_overview_answers_total{", "degraded=\"true\"", "degraded=\"false\"");
	}

	private static HttpRequest.BodyPublisher unknownLength(byte[] bytes) {
		HttpRequest.BodyPublisher known = HttpRequest.BodyPublishers.ofByteArray(bytes);
		return new HttpRequest.BodyPublisher() {

			@Override
			public long contentLength() {
				return -1;
			}

			@Override
			public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
				known.subscribe(subscriber);
			}

		};
	}

}
