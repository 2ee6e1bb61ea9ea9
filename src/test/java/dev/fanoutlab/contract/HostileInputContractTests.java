package dev.fanoutlab.contract;

import java.util.UUID;

import dev.fanoutlab.support.LabHttp;
import dev.fanoutlab.support.LabHttp.Reply;
import dev.fanoutlab.support.RawHttp;
import dev.fanoutlab.support.RawHttp.Answer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a hostile client sends, on every stack: each answer a 4xx problem document, and
 * nothing stored. Raw requests go over a socket, since no HTTP client sends them.
 */
class HostileInputContractTests extends ContractTestSupport {

	private static final String ORDERS = "/api/customers/42/orders";

	@EachStack
	void aMalformedQueryEscapeIsA400NamingTheQuery(String stack) {
		// no HTTP client sends %ZZ: over a socket
		Answer answer = raw(stack,
				"GET /api/fanout?calls=%ZZ&latencyMs=0 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
		JsonNode problem = assertServerProblem(stack, answer, 400);
		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("query");
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|', value = {
			"reactive|{\"items\":[{\"sku\":\"A\",\"quantity\":1,\"priceCents\":99.99}]}|items[0].priceCents",
			"blocking|{\"items\":[{\"sku\":\"A\",\"quantity\":1,\"priceCents\":99.99}]}|items[0].priceCents",
			"virtual|{\"items\":[{\"sku\":\"A\",\"quantity\":1,\"priceCents\":99.99}]}|items[0].priceCents",
			"reactive|{\"items\":[{\"sku\":\"A\",\"quantity\":1.9,\"priceCents\":100}]}|items[0].quantity",
			"blocking|{\"items\":[{\"sku\":\"A\",\"quantity\":1.9,\"priceCents\":100}]}|items[0].quantity",
			"virtual|{\"items\":[{\"sku\":\"A\",\"quantity\":1.9,\"priceCents\":100}]}|items[0].quantity",
			"reactive|{\"items\":[{\"sku\":\"A\",\"quantity\":1,\"priceCents\":100.0}]}|items[0].priceCents",
			"blocking|{\"items\":[{\"sku\":\"A\",\"quantity\":1,\"priceCents\":100.0}]}|items[0].priceCents",
			"virtual|{\"items\":[{\"sku\":\"A\",\"quantity\":1,\"priceCents\":100.0}]}|items[0].priceCents",
			"reactive|{\"items\":[{\"sku\":\"A\",\"quantity\":\"2\",\"priceCents\":100}]}|items[0].quantity",
			"blocking|{\"items\":[{\"sku\":\"A\",\"quantity\":\"2\",\"priceCents\":100}]}|items[0].quantity",
			"virtual|{\"items\":[{\"sku\":\"A\",\"quantity\":\"2\",\"priceCents\":100}]}|items[0].quantity",
			"reactive|{\"items\":[{\"sku\":\"A\",\"quantity\":1,\"priceCents\":\"100\"}]}|items[0].priceCents",
			"blocking|{\"items\":[{\"sku\":\"A\",\"quantity\":1,\"priceCents\":\"100\"}]}|items[0].priceCents",
			"virtual|{\"items\":[{\"sku\":\"A\",\"quantity\":1,\"priceCents\":\"100\"}]}|items[0].priceCents",
			"reactive|{\"items\":[{\"sku\":\"A\",\"quantity\":1,\"priceCents\":1,\"priceCents\":9}]}|items[0].priceCents",
			"blocking|{\"items\":[{\"sku\":\"A\",\"quantity\":1,\"priceCents\":1,\"priceCents\":9}]}|items[0].priceCents",
			"virtual|{\"items\":[{\"sku\":\"A\",\"quantity\":1,\"priceCents\":1,\"priceCents\":9}]}|items[0].priceCents",
			"reactive|{\"items\":[],\"items\":[{\"sku\":\"A\",\"quantity\":1,\"priceCents\":9}]}|items",
			"blocking|{\"items\":[],\"items\":[{\"sku\":\"A\",\"quantity\":1,\"priceCents\":9}]}|items",
			"virtual|{\"items\":[],\"items\":[{\"sku\":\"A\",\"quantity\":1,\"priceCents\":9}]}|items" })
	void moneyAndCountsAreExactIntegersAndKeysAppearOnce(String stack, String body, String field) {
		String key = "strict-" + UUID.randomUUID();
		Reply reply = LabHttp.post(url(stack, ORDERS), body, "Idempotency-Key", key);
		assertInvalid(reply, field);
		assertThat(ordersWithKey(key)).as("stored for a refused body").isZero();
	}

	@EachStack
	void aNulInThePathIsAProblem(String stack) {
		assertServerProblem(stack, raw(stack, "GET /api/customers/%00/overview HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
	}

	@EachStack
	void aBadRequestLineIsAProblem(String stack) {
		assertServerProblem(stack, raw(stack, "GET /api/ info HTTP/1.1 junk\r\nHost: x\r\n\r\n"), 400);
	}

	@EachStack
	void anOverLongHeaderIsAProblem(String stack) {
		Answer answer = raw(stack, "GET /api/info HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(70_000) + "\r\n\r\n");
		assertThat(answer.status()).as(answer.statusLine()).isIn(400, 431);
		assertServerProblem(stack, answer, answer.status());
	}

	@EachStack
	void anOverLongUriIsAProblem(String stack) {
		Answer answer = raw(stack, "GET /api/info?x=" + "a".repeat(70_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
		assertThat(answer.status()).as(answer.statusLine()).isIn(400, 414);
		assertServerProblem(stack, answer, answer.status());
	}

	@EachStack
	void http11WithoutHostIsRefused(String stack) {
		assertServerProblem(stack, raw(stack, "GET /api/info HTTP/1.1\r\nConnection: close\r\n\r\n"), 400);
	}

	@EachStack
	void anUnknownHttpVersionIsRefusedAndNotEchoed(String stack) {
		Answer answer = raw(stack, "GET /api/info HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n");
		assertThat(answer.statusLine()).doesNotStartWith("HTTP/9.9");
		assertThat(answer.status()).as(answer.statusLine()).isIn(400, 505);
		assertServerProblem(stack, answer, answer.status());
	}

	@EachStack
	void traceIsAMethodNotAllowedProblem(String stack) {
		Answer answer = raw(stack, "TRACE /api/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
		assertServerProblem(stack, answer, 405);
	}

	@EachStack
	void theErrorPathIsAnUnknownEndpoint(String stack) {
		assertProblem(get(stack, "/error"), 404);
	}

	private Answer raw(String stack, String request) {
		return RawHttp.send(this.lab.url(stack), request);
	}

	private static JsonNode assertServerProblem(String stack, Answer answer, int status) {
		assertThat(answer.status()).as(answer.statusLine() + "\n" + answer.headers() + "\n" + answer.body())
			.isEqualTo(status);
		assertThat(answer.header("Content-Type")).as(answer.headers()).startsWith("application/problem+json");
		assertThat(answer.header("X-Lab-Stack")).as(answer.headers()).isEqualTo(stack);
		JsonNode problem = LabHttp.parse(answer.body());
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("type").asString()).startsWith("https://fanout-lab.dev/problems/");
		assertThat(problem.path("title").asString()).isNotBlank();
		assertThat(answer.body()).doesNotContain("Exception", "<html", "\tat ");
		return problem;
	}

}
