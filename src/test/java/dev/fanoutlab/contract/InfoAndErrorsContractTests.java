package dev.fanoutlab.contract;

import java.util.HashSet;
import java.util.Set;

import dev.fanoutlab.support.LabCluster;
import dev.fanoutlab.support.LabHttp;
import dev.fanoutlab.support.LabHttp.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/info}, the pitfalls, actuator, OpenAPI and error answers, on every stack.
 */
class InfoAndErrorsContractTests extends ContractTestSupport {

	@EachStack
	void infoShowsTheThreadModelAndTheRealPoolSizes(String stack) {
		Reply reply = get(stack, "/api/info");
		assertThat(reply.status()).isEqualTo(200);
		JsonNode info = reply.json();
		assertThat(info.propertyNames()).containsExactlyInAnyOrder("stack", "server", "threadModel", "javaVersion",
				"virtualThreads", "pools");
		assertThat(info.path("stack").asString()).isEqualTo(stack);
		assertThat(info.path("server").asString()).isEqualTo(stack.equals("reactive") ? "Reactor Netty" : "Tomcat");
		assertThat(info.path("threadModel").asString()).isNotBlank();
		assertThat(info.path("javaVersion").asString()).isEqualTo(Runtime.version().toString());
		assertThat(info.path("virtualThreads").asBoolean()).isEqualTo(stack.equals("virtual"));
		JsonNode pools = info.path("pools");
		assertThat(pools.propertyNames()).contains("server", "db", "http", "fanout", "cpu");
		assertThat(pools.path("db").path("max").asInt()).isEqualTo(LabCluster.DB_POOL_SIZE);
		// 3 downstream calls per overview x the requests admitted at once
		// (api.HttpConnectionRule)
		assertThat(pools.path("http").path("max").asInt()).isEqualTo(3 * pools.path("admission").path("max").asInt());
		assertThat(pools.path("http").path("rule").asString()).startsWith("3 downstream calls per overview x ");
		switch (stack) {
			case "blocking" -> {
				assertThat(pools.path("server").path("max").asInt()).isEqualTo(LabCluster.REQUEST_THREADS);
				assertThat(pools.path("fanout").path("max").asInt()).isEqualTo(LabCluster.FANOUT_THREADS);
			}
			case "virtual" -> {
				assertThat(pools.path("fanout").path("max").isNull()).isTrue();
				assertThat(pools.path("overview").path("max").isNull()).isTrue();
				// CPU work off the carriers, on one platform thread per core
				assertThat(pools.path("cpu").path("max").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
				assertThat(pools.path("cpu").path("rule").asString()).startsWith("1 platform thread per core");
			}
			default -> {
				assertThat(pools.path("server").path("max").asInt()).isPositive();
				assertThat(pools.path("fanout").path("max").isNull()).isTrue();
				assertThat(pools.path("cpu").path("max").asInt()).isPositive();
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/api/pitfalls/blocking-on-event-loop?ms=20", "/api/pitfalls/offloaded?ms=20" })
	void thePitfallEndpointsExistOnlyOnTheReactiveStack(String path) {
		Reply reply = get("reactive", path);
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.json().path("ms").asInt()).isEqualTo(20);
		assertThat(reply.json().path("thread").asString()).isNotBlank();
		assertProblem(get("blocking", path), 404);
		assertProblem(get("virtual", path), 404);
	}

	@Test
	void theBlockingPitfallRunsOnTheEventLoopAndTheOffloadedOneDoesNot() {
		String onLoop = get("reactive", "/api/pitfalls/blocking-on-event-loop?ms=5").json().path("thread").asString();
		String offloaded = get("reactive", "/api/pitfalls/offloaded?ms=5").json().path("thread").asString();
		assertThat(onLoop).contains("reactor-http");
		// Reactor names it loomBoundedElastic when it runs on virtual threads
		assertThat(offloaded).containsIgnoringCase("boundedElastic");
	}

	@ParameterizedTest(name = "ms={0}")
	@ValueSource(strings = { "0", "10001", "x" })
	void pitfallMillisOutsideTheirBoundsAre400(String ms) {
		assertInvalid(get("reactive", "/api/pitfalls/offloaded?ms=" + ms), "ms");
	}

	@EachStack
	void actuatorHealthPrometheusAndInfoAnswer(String stack) {
		assertThat(get(stack, "/actuator/health").json().path("status").asString()).isEqualTo("UP");
		assertThat(get(stack, "/actuator/health/readiness").status()).isEqualTo(200);
		assertThat(get(stack, "/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(get(stack, "/actuator/prometheus").body()).contains("jvm_threads_live_threads");
		assertThat(get(stack, "/actuator/info").status()).isEqualTo(200);
	}

	@EachStack
	void requestsAndCallsAreTimedWithoutALongTaskTimerEach(String stack) {
		assertThat(get(stack, "/api/customers/5/overview").status()).isEqualTo(200);
		String scrape = get(stack, "/actuator/prometheus").body();
		assertThat(scrape).contains("http_server_requests_seconds_count{", "http_client_requests_seconds_count{")
			.doesNotContain("http_server_requests_active_seconds", "http_client_requests_active_seconds");
		// the dashboard's calls in flight: calls holding or waiting for a connection
		assertThat(scrape).containsAnyOf("reactor_netty_connection_provider_pending_connections{",
				"lab_http_connections_pending{");
		// the same instrument on every stack: no connection pool times each borrow
		assertThat(scrape).doesNotContain("hikaricp_connections_acquire_seconds", "hikaricp_connections_usage_seconds",
				"reactor_netty_connection_provider_pending_connections_time");
	}

	@EachStack
	void prometheusCountsTheBytesTheStacksThreadsAllocate(String stack) {
		long before = allocatedBytes(stack);
		for (int i = 0; i < 20; i++) {
			assertThat(get(stack, "/api/customers/5/overview").status()).isEqualTo(200);
		}
		// each overview reads three replies and writes a JSON answer: a KiB at the very
		// least
		assertThat(allocatedBytes(stack) - before).isGreaterThan(20 * 1024L);
	}

	private long allocatedBytes(String stack) {
		String sample = get(stack, "/actuator/prometheus").body()
			.lines()
			.filter((line) -> line.startsWith("lab_jvm_allocated_bytes_total{"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no lab_jvm_allocated_bytes_total on " + stack));
		return (long) Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
	}

	@EachStack
	void anUnknownPathIsA404Problem(String stack) {
		assertProblem(get(stack, "/api/nothing-here"), 404);
	}

	@EachStack
	void aWrongMethodIsA405Problem(String stack) {
		Reply reply = LabHttp.send(LabHttp.request(url(stack, "/api/info")).DELETE().build());
		assertThat(reply.header("X-Lab-Stack")).contains(stack);
		assertProblem(reply, 405);
	}

	@EachStack
	void aBodyThatIsNotJsonIsA415Problem(String stack) {
		Reply reply = LabHttp.send(LabHttp.request(url(stack, "/api/customers/9001/orders"))
			.header("Content-Type", "text/plain")
			.header("Idempotency-Key", "k-415")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("hello"))
			.build());
		assertProblem(reply, 415);
	}

	@Test
	void everyStackDocumentsTheSameApiPathsInOpenApi() {
		Set<Set<String>> pathSets = new HashSet<>();
		for (String stack : STACKS) {
			Reply reply = get(stack, "/v3/api-docs");
			assertThat(reply.status()).as("%s /v3/api-docs", stack).isEqualTo(200);
			Set<String> paths = new HashSet<>(reply.json().path("paths").propertyNames());
			paths.removeIf((path) -> path.startsWith("/api/pitfalls"));
			assertThat(paths).contains("/api/customers/{id}/overview", "/api/fanout", "/api/cpu",
					"/api/customers/{id}/orders", "/api/info");
			pathSets.add(paths);
		}
		assertThat(pathSets).hasSize(1);
	}

}
