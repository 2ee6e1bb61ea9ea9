package dev.fanoutlab.contract;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import dev.fanoutlab.blocking.BlockingApplication;
import dev.fanoutlab.reactive.ReactiveApplication;
import dev.fanoutlab.support.LabHttp;
import dev.fanoutlab.support.LabHttp.Reply;
import dev.fanoutlab.support.TestDatabase;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admission limit in shed mode, the same on every stack: with {@code LIMIT} requests
 * in progress the next one is a {@code 503} problem with {@code Retry-After} answered
 * while they still run (refused, not queued), counted by {@code lab.admission.rejected};
 * health still answers; once they end, requests are admitted again. Each stack runs here
 * with a limit of 2, its own application over the lab's simulator and database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdmissionContractTests extends ContractTestSupport {

	static final int LIMIT = 2;

	private Map<String, ConfigurableApplicationContext> apps;

	@BeforeAll
	void startStacksWithASmallLimit() {
		TestDatabase.Endpoint db = TestDatabase.get();
		String[] args = { "--server.port=0", "--lab.db.host=" + db.host(), "--lab.db.port=" + db.port(),
				"--lab.db.name=" + db.name(), "--lab.db.user=" + db.user(), "--lab.db.password=" + db.password(),
				"--lab.db.pool-size=2", "--lab.downstream.url=" + this.lab.simulatorUrl(),
				"--lab.downstream.timeout=5s", "--lab.admission.mode=shed", "--lab.admission.max-concurrent=" + LIMIT };
		this.apps = Map.of("reactive", run(ReactiveApplication.builder(), args), "blocking",
				run(BlockingApplication.builder(false), args), "virtual", run(BlockingApplication.builder(true), args));
	}

	@AfterAll
	void stop() {
		this.apps.values().forEach(ConfigurableApplicationContext::close);
	}

	@EachStack
	void pastTheLimitA503IsAnsweredAtOnceAndTheAdmittedFinish(String stack) {
		String base = base(stack);
		JsonNode admission = LabHttp.get(base + "/api/info").json().path("pools").path("admission");
		assertThat(admission.path("max").asInt()).isEqualTo(LIMIT);
		assertThat(admission.path("mode").asString()).isEqualTo("shed");
		double before = rejected(base);
		this.simulator.resetStats();
		List<CompletableFuture<Reply>> held = IntStream.range(0, LIMIT)
			.mapToObj((i) -> LabHttp.getAsync(base + "/api/fanout?calls=1&latencyMs=3000"))
			.toList();
		await().until(() -> this.simulator.service("echo", "inFlight") == LIMIT);

		Reply refused = LabHttp.get(base + "/api/fanout?calls=1&latencyMs=0");
		assertThat(held).as("the admitted requests still run when the next one is refused")
			.noneMatch(CompletableFuture::isDone);
		assertProblem(refused, 503);
		assertThat(refused.json().path("type").asString()).endsWith("/overloaded");
		assertThat(refused.header("Retry-After")).contains("1");
		assertThat(LabHttp.get(base + "/actuator/health").status()).as("health bypasses admission").isEqualTo(200);
		assertThat(rejected(base)).isGreaterThanOrEqualTo(before + 1);
		assertThat(LabHttp.get(base + "/actuator/prometheus").body().lines())
			.as("a refusal is an answer: timed in http.server.requests, as every other")
			.anyMatch((line) -> line.startsWith("http_server_requests_seconds_count{")
					&& line.contains("status=\"503\""));

		held.forEach((reply) -> assertThat(reply.join().status()).isEqualTo(200));
		assertThat(LabHttp.get(base + "/api/fanout?calls=1&latencyMs=0").status()).isEqualTo(200);
	}

	private String base(String stack) {
		int port = ((WebServerApplicationContext) this.apps.get(stack)).getWebServer().getPort();
		return "http://127.0.0.1:" + port;
	}

	private static double rejected(String base) {
		String metrics = LabHttp.get(base + "/actuator/prometheus").body();
		return metrics.lines()
			.filter((line) -> line.startsWith("lab_admission_rejected_total"))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	private static ConfigurableApplicationContext run(SpringApplicationBuilder builder, String[] args) {
		return builder.run(args);
	}

}
