package dev.fanoutlab.reactive;

import dev.fanoutlab.api.LabHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Bad input and the framework's own errors, through the real controllers, advice and
 * filters: every one a problem+json with the lab's shape, never a 500. Needs no database:
 * these requests fail before any service is called (the services are stand-ins).
 */
@WebFluxTest
@ActiveProfiles("reactive")
class ReactiveWebSliceTests {

	private static final String PROBLEMS = "https://fanout-lab.dev/problems/";

	@Autowired
	WebTestClient client;

	@MockitoBean
	OverviewService overviews;

	@MockitoBean
	OrderService orders;

	@MockitoBean
	FanoutService fanouts;

	@MockitoBean
	InfoService info;

	@TestConfiguration
	@Import(CpuSchedulerConfiguration.class)
	static class Meters {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@Test
	void customerIdThatIsNotAPositiveLongIsA400WithFieldErrors() {
		for (String id : new String[] { "abc", "0", "-1", "99999999999999999999", "1.5" }) {
			badRequest(this.client.get().uri("/api/customers/" + id + "/overview"), "id");
		}
	}

	@Test
	void fanoutParametersOutOfRangeAre400s() {
		badRequest(this.client.get().uri("/api/fanout?calls=0&latencyMs=10"), "calls");
		badRequest(this.client.get().uri("/api/fanout?calls=101&latencyMs=10"), "calls");
		badRequest(this.client.get().uri("/api/fanout?latencyMs=10"), "calls");
		badRequest(this.client.get().uri("/api/fanout?calls=3&latencyMs=10001"), "latencyMs");
		badRequest(this.client.get().uri("/api/fanout?calls=3&latencyMs=x"), "latencyMs");
		badRequest(this.client.get().uri("/api/fanout?calls=3&latencyMs=10&mode=both"), "mode");
	}

	@Test
	void cpuRoundsOutOfRangeAre400s() {
		badRequest(this.client.get().uri("/api/cpu?rounds=0"), "rounds");
		badRequest(this.client.get().uri("/api/cpu?rounds=1000001"), "rounds");
		badRequest(this.client.get().uri("/api/cpu"), "rounds");
	}

	@Test
	void cpuOfOneRoundIsSha256OfTheSeed() {
		this.client.get()
			.uri("/api/cpu?rounds=1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(LabHeaders.STACK, "reactive")
			.expectBody()
			.jsonPath("$.rounds")
			.isEqualTo(1)
			.jsonPath("$.digest")
			// printf 'fanout-lab' | sha256sum
			.isEqualTo("2361c1dfce181545a6bb1327d100b59f3d2ffe78afc272b8340b700cd3a7ff99");
	}

	@Test
	void createWithoutIdempotencyKeyIsA400() {
		badRequest(this.client.post()
			.uri("/api/customers/1/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"items\":[{\"sku\":\"A-1\",\"quantity\":1,\"priceCents\":100}]}"), "Idempotency-Key");
	}

	@Test
	void malformedJsonAndWrongTypesAre400sOnTheBody() {
		// a syntax error names the body; a value of the wrong type names its field
		String[][] cases = { { "{\"items\":[", "body" }, { "not json", "body" }, { "{\"items\":\"many\"}", "items" },
				{ "{\"items\":[{\"sku\":\"A\",\"quantity\":\"two\",\"priceCents\":1}]}", "items[0].quantity" } };
		for (String[] bodyAndField : cases) {
			badRequest(this.client.post()
				.uri("/api/customers/1/orders")
				.header(LabHeaders.IDEMPOTENCY_KEY, "k-1")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(bodyAndField[0]), bodyAndField[1]);
		}
	}

	@Test
	void bodyOver64KibIsA413() {
		String big = "{\"items\":[{\"sku\":\"" + "A".repeat(70 * 1024) + "\",\"quantity\":1,\"priceCents\":1}]}";
		problem(this.client.post()
			.uri("/api/customers/1/orders")
			.header(LabHeaders.IDEMPOTENCY_KEY, "k-1")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(big), 413, "payload-too-large");
	}

	@Test
	void wrongContentTypeIsA415Problem() {
		problem(this.client.post()
			.uri("/api/customers/1/orders")
			.header(LabHeaders.IDEMPOTENCY_KEY, "k-1")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("items"), 415, "unsupported-media-type");
	}

	@Test
	void unacceptableMediaTypeIsA406Problem() {
		problem(this.client.get().uri("/api/cpu?rounds=1").accept(MediaType.APPLICATION_XML), 406, "not-acceptable");
	}

	@Test
	void unknownPathIsA404Problem() {
		problem(this.client.get().uri("/api/nothing-here"), 404, "not-found");
	}

	@Test
	void wrongMethodIsA405Problem() {
		problem(this.client.delete().uri("/api/cpu?rounds=1"), 405, "method-not-allowed");
	}

	@Test
	void pitfallsAreOffByDefault() {
		problem(this.client.get().uri("/api/pitfalls/blocking-on-event-loop?ms=10"), 404, "not-found");
		problem(this.client.get().uri("/api/pitfalls/offloaded?ms=10"), 404, "not-found");
	}

	private void badRequest(WebTestClient.RequestHeadersSpec<?> request, String field) {
		problem(request, 400, "invalid-request").jsonPath("$.errors[0].field").isEqualTo(field);
	}

	private WebTestClient.BodyContentSpec problem(WebTestClient.RequestHeadersSpec<?> request, int status,
			String slug) {
		return request.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.valueEquals(LabHeaders.STACK, "reactive")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEMS + slug)
			.jsonPath("$.status")
			.isEqualTo(status)
			.jsonPath("$.title")
			.exists()
			.jsonPath("$.detail")
			.exists()
			.jsonPath("$.trace")
			.doesNotExist();
	}

}
