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

	private static final String VALID_ORDER = "{\"items\":[{\"sku\":\"A\",\"quantity\":1,\"priceCents\":100}]}";

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

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "reactive,no CRLF after the chunk", "blocking,no CRLF after the chunk",
			"virtual,no CRLF after the chunk", "reactive,a bad chunk-size line", "blocking,a bad chunk-size line",
			"virtual,a bad chunk-size line", "reactive,a bad trailer", "blocking,a bad trailer",
			"virtual,a bad trailer" })
	void aChunkedBodyWhoseFramingBreaksAfterACompleteDocumentStoresAndPaysNothing(String stack, String breakage) {
		String key = "framing-" + UUID.randomUUID();
		String chunk = Integer.toHexString(VALID_ORDER.length()) + "\r\n" + VALID_ORDER;
		String rest = switch (breakage) {
			case "no CRLF after the chunk" -> "XX\r\n0\r\n\r\n";
			case "a bad chunk-size line" -> "\r\nZZ\r\n\r\n";
			default -> "\r\n0\r\nno colon in this trailer\r\n\r\n";
		};
		this.simulator.resetStats();
		Answer answer = raw(stack, createHead(key, "Transfer-Encoding: chunked") + chunk + rest);
		assertServerProblem(stack, answer, 400);

		// a well-framed create after it: once it is answered, the broken one had its
		// chance
		Reply after = LabHttp.post(url(stack, ORDERS), VALID_ORDER, "Idempotency-Key", key + "-after");
		assertThat(after.status()).as(after.body()).isEqualTo(201);
		assertThat(ordersWithKey(key)).as("stored for a broken body").isZero();
		assertThat(this.simulator.service("payments", "requests")).as("payments: only the well-framed create")
			.isEqualTo(1);
	}

	@EachStack
	void aTransferCodingOtherThanChunkedAloneIsRefusedAndStoresNothing(String stack) {
		String key = "coding-" + UUID.randomUUID();
		String chunk = Integer.toHexString(VALID_ORDER.length()) + "\r\n" + VALID_ORDER + "\r\n0\r\n\r\n";
		Answer answer = raw(stack, createHead(key, "Transfer-Encoding: gzip, chunked") + chunk);
		assertThat(answer.status()).as(answer.statusLine()).isIn(400, 501);
		assertServerProblem(stack, answer, answer.status());
		assertThat(ordersWithKey(key)).isZero();
	}

	@EachStack
	void aHostThatIsNotAHostAndPortIsRefused(String stack) {
		assertServerProblem(stack, raw(stack, "GET /api/info HTTP/1.1\r\nHost: host/path\r\nConnection: close\r\n\r\n"),
				400);
	}

	@EachStack
	void aLowerCaseVersionIsRefused(String stack) {
		Answer answer = raw(stack, "GET /api/info http/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
		assertThat(answer.statusLine()).startsWith("HTTP/1.1 ");
		assertServerProblem(stack, answer, 400);
	}

	@EachStack
	void twoIdempotencyKeysAreRefusedNotJoined(String stack) {
		String key = "twice-" + UUID.randomUUID();
		Reply reply = LabHttp.post(url(stack, ORDERS), VALID_ORDER, "Idempotency-Key", key + "-a", "Idempotency-Key",
				key + "-b");
		assertInvalid(reply, "Idempotency-Key");
		assertThat(count("SELECT count(*) FROM purchase_order WHERE idempotency_key LIKE ?", key + "%")).isZero();
	}

	@EachStack
	void aDeclaredBodyOverTheCapIs413WithoutAContinue(String stack) {
		Answer answer = raw(stack,
				"POST " + ORDERS + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
						+ "Idempotency-Key: big-" + UUID.randomUUID() + "\r\nExpect: 100-continue\r\n"
						+ "Content-Length: 10000000000\r\n\r\n");
		assertThat(answer.statusLine()).as("no 100 Continue for a body refused by its size").doesNotContain("100");
		assertServerProblem(stack, answer, 413);
	}

	@EachStack
	void anUnknownHealthComponentIsAProblem(String stack) {
		assertProblem(get(stack, "/actuator/health/no-such-component"), 404);
	}

	@ParameterizedTest
	@CsvSource({ "/services/echo/x?latencyMs=%ZZ,query", "/services/echo/%ZZ,path" })
	void theSimulatorAnswersAMalformedEscapeWithA400Problem(String target, String part) {
		Answer answer = RawHttp.send(this.simulator.url(),
				"GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
		JsonNode problem = assertProblemDocument(answer, 400);
		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo(part);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "a Host with a path,400", "a lower-case version,400", "gzip before chunked,501",
			"no CRLF after the chunk,400" })
	void theSimulatorRefusesWhatTheStacksRefuse(String what, int status) {
		String request = switch (what) {
			case "a Host with a path" ->
				"GET /services/echo/x HTTP/1.1\r\nHost: host/path\r\nConnection: close\r\n\r\n";
			case "a lower-case version" -> "GET /services/echo/x http/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
			case "gzip before chunked" -> "POST /services/payments/k HTTP/1.1\r\nHost: x\r\n"
					+ "Transfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n";
			default -> "POST /services/payments/k HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
					+ "2\r\n{}XX\r\n0\r\n\r\n";
		};
		assertProblemDocument(RawHttp.send(this.simulator.url(), request), status);
	}

	private static String createHead(String key, String framing) {
		return "POST " + ORDERS + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIdempotency-Key: " + key
				+ "\r\n" + framing + "\r\n\r\n";
	}

	private Answer raw(String stack, String request) {
		return RawHttp.send(this.lab.url(stack), request);
	}

	private static JsonNode assertServerProblem(String stack, Answer answer, int status) {
		assertThat(answer.header("X-Lab-Stack")).as(answer.statusLine() + "\n" + answer.headers()).isEqualTo(stack);
		return assertProblemDocument(answer, status);
	}

	private static JsonNode assertProblemDocument(Answer answer, int status) {
		assertThat(answer.status()).as(answer.statusLine() + "\n" + answer.headers() + "\n" + answer.body())
			.isEqualTo(status);
		assertThat(answer.header("Content-Type")).as(answer.headers()).startsWith("application/problem+json");
		JsonNode problem = LabHttp.parse(answer.body());
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("type").asString()).startsWith("https://fanout-lab.dev/problems/");
		assertThat(problem.path("title").asString()).isNotBlank();
		assertThat(answer.body()).doesNotContain("Exception", "<html", "\tat ");
		return problem;
	}

}
