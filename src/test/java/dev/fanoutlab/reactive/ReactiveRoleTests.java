package dev.fanoutlab.reactive;

import java.util.Map;

import javax.sql.DataSource;

import dev.fanoutlab.api.AdmissionLimit;
import dev.fanoutlab.api.LabHeaders;
import dev.fanoutlab.support.LabCluster;
import org.junit.jupiter.api.Test;

import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive role as it really runs: Reactor Netty, no DataSource, no Tomcat, the real
 * pool sizes in {@code /api/info}, the stack header on actuator answers too.
 */
class ReactiveRoleTests {

	private final ConfigurableApplicationContext app = ReactiveTestApps.app();

	private final WebTestClient client = ReactiveTestApps.client(this.app);

	@Test
	void runsOnReactorNettyWithoutDataSourceOrTomcat() {
		assertThat(this.app).isInstanceOf(ReactiveWebServerApplicationContext.class);
		assertThat(((ReactiveWebServerApplicationContext) this.app).getWebServer()).isInstanceOf(NettyWebServer.class);
		assertThat(this.app.getBeanNamesForType(DataSource.class)).isEmpty();
		assertThat(this.app.getBeanDefinitionNames()).noneMatch((name) -> name.toLowerCase().contains("tomcat"));
	}

	@Test
	void infoShowsTheEventLoopAndTheRealPoolSizes() {
		this.client.get()
			.uri("/api/info")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(LabHeaders.STACK, "reactive")
			.expectBody()
			.jsonPath("$.stack")
			.isEqualTo("reactive")
			.jsonPath("$.server")
			.isEqualTo("Reactor Netty")
			.jsonPath("$.threadModel")
			.isEqualTo("event loop")
			.jsonPath("$.virtualThreads")
			.isEqualTo(false)
			.jsonPath("$.pools.server.max")
			.isEqualTo(Runtime.getRuntime().availableProcessors())
			.jsonPath("$.pools.db.max")
			.isEqualTo(LabCluster.DB_POOL_SIZE)
			.jsonPath("$.pools.http.max")
			.isEqualTo(3 * AdmissionLimit.of(0, Runtime.getRuntime().maxMemory()))
			.jsonPath("$.pools.http.rule")
			.value((rule) -> assertThat(rule.toString()).startsWith("3 downstream calls per overview x "))
			.jsonPath("$.pools.cpu.max")
			.isEqualTo(Runtime.getRuntime().availableProcessors())
			.jsonPath("$.pools.fanout.max")
			.isEmpty();
	}

	@Test
	void actuatorAnswersCarryTheStackHeader() {
		this.client.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(LabHeaders.STACK, "reactive");
		this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(LabHeaders.STACK, "reactive")
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("lab_requests_inflight"));
	}

	@Test
	void openApiListsEveryApiPath() {
		this.client.get()
			.uri("/v3/api-docs")
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.paths['/api/customers/{id}/overview']")
			.exists()
			.jsonPath("$.paths['/api/customers/{id}/orders']")
			.exists()
			.jsonPath("$.paths['/api/fanout']")
			.exists()
			.jsonPath("$.paths['/api/cpu']")
			.exists()
			.jsonPath("$.paths['/api/info']")
			.exists();
	}

	@Test
	void unknownCustomerIsA404Problem() {
		this.client.get()
			.uri("/api/customers/999999/overview")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://fanout-lab.dev/problems/not-found");
	}

	@Test
	void databaseDownIsA503ProblemNotA500() {
		// nothing listens on port 1: connection refused at once
		Map<String, Object> down = Map.of("lab.db.host", "localhost", "lab.db.port", 1, "spring.flyway.enabled", false,
				"lab.downstream.url", "http://localhost:1");
		// every app has event loops of its own (DownstreamHttpConfig): closing this one
		// leaves the others running
		try (ConfigurableApplicationContext broken = ReactiveTestApps.start(down, false)) {
			ReactiveTestApps.client(broken)
				.get()
				.uri("/api/customers/42/overview")
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.valueEquals(LabHeaders.STACK, "reactive")
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("https://fanout-lab.dev/problems/database-unavailable");
		}
	}

	@Test
	void pitfallBlocksTheEventLoopAndTheFixDoesNot() {
		this.client.get()
			.uri("/api/pitfalls/blocking-on-event-loop?ms=20")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.thread")
			.value(String.class, (thread) -> assertThat(thread).startsWith("reactor-http-"));
		this.client.get()
			.uri("/api/pitfalls/offloaded?ms=20")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.thread")
			.value(String.class, (thread) -> assertThat(thread).containsIgnoringCase("boundedElastic"))
			.jsonPath("$.ms")
			.isEqualTo(20);
		this.client.get().uri("/api/pitfalls/offloaded?ms=0").exchange().expectStatus().isBadRequest();
	}

}
