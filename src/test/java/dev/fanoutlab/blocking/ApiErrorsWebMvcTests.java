package dev.fanoutlab.blocking;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input and the framework's own errors, as problem+json with the stack header. The
 * services stand in as Mockito beans only so the controllers can be built: every request
 * here is answered before a service would be called.
 */
@WebMvcTest(controllers = { CustomerController.class, LoadController.class, PitfallController.class })
@Import({ WebConfiguration.class, ApiExceptionHandler.class, InlineCpuRunner.class,
		ApiErrorsWebMvcTests.Metrics.class })
class ApiErrorsWebMvcTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	Overviews overviews;

	@MockitoBean
	OrderService orders;

	@MockitoBean
	FanoutService fanouts;

	@MockitoBean
	InfoService info;

	@Test
	void idThatIsNotAPositive64BitIntegerIs400WithTheField() {
		for (String id : new String[] { "abc", "0", "-1", "9223372036854775808", "1.5" }) {
			MvcTestResult result = this.mvc.get().uri("/api/customers/{id}/overview", id).exchange();
			assertProblem(result, HttpStatus.BAD_REQUEST, "invalid-request");
			assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("id");
		}
	}

	@Test
	void fanoutParametersOutOfRangeAre400() {
		for (String query : new String[] { "calls=0", "calls=101", "calls=x", "calls=2&latencyMs=10001",
				"calls=2&latencyMs=-1", "calls=2&mode=both", "" }) {
			assertProblem(this.mvc.get().uri("/api/fanout?" + query).exchange(), HttpStatus.BAD_REQUEST,
					"invalid-request");
		}
	}

	@Test
	void cpuRoundsOutOfRangeAre400AndOneRoundIsSha256OfTheSeed() {
		assertProblem(this.mvc.get().uri("/api/cpu?rounds=0").exchange(), HttpStatus.BAD_REQUEST, "invalid-request");
		assertProblem(this.mvc.get().uri("/api/cpu?rounds=1000001").exchange(), HttpStatus.BAD_REQUEST,
				"invalid-request");
		MvcTestResult result = this.mvc.get().uri("/api/cpu?rounds=1").exchange();
		assertThat(result).hasStatusOk();
		// printf fanout-lab | sha256sum
		assertThat(result).bodyJson()
			.extractingPath("$.digest")
			.isEqualTo("2361c1dfce181545a6bb1327d100b59f3d2ffe78afc272b8340b700cd3a7ff99");
	}

	@Test
	void createWithoutIdempotencyKeyIs400() {
		MvcTestResult result = this.mvc.post()
			.uri("/api/customers/1/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"items\":[{\"sku\":\"A-1\",\"quantity\":1,\"priceCents\":100}]}")
			.exchange();
		assertProblem(result, HttpStatus.BAD_REQUEST, "invalid-request");
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("Idempotency-Key");
	}

	@Test
	void malformedJsonAndWrongTypesAre400OnTheBody() {
		// a syntax error names the body; a value of the wrong type names its field
		String[][] cases = { { "{\"items\":[", "body" }, { "{\"items\":\"many\"}", "items" },
				{ "{\"items\":[{\"sku\":\"A\",\"quantity\":\"one\",\"priceCents\":1}]}", "items[0].quantity" } };
		for (String[] bodyAndField : cases) {
			MvcTestResult result = this.mvc.post()
				.uri("/api/customers/1/orders")
				.header("Idempotency-Key", "k-1")
				.contentType(MediaType.APPLICATION_JSON)
				.content(bodyAndField[0])
				.exchange();
			assertProblem(result, HttpStatus.BAD_REQUEST, "invalid-request");
			assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo(bodyAndField[1]);
		}
	}

	@Test
	void bodyOver64KiBIs413() {
		String big = "{\"items\":[{\"sku\":\"" + "A".repeat(70_000) + "\",\"quantity\":1,\"priceCents\":1}]}";
		MvcTestResult result = this.mvc.post()
			.uri("/api/customers/1/orders")
			.header("Idempotency-Key", "k-1")
			.contentType(MediaType.APPLICATION_JSON)
			.content(big)
			.exchange();
		assertProblem(result, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large");
	}

	@Test
	void wrongContentTypeIs415() {
		assertProblem(this.mvc.post()
			.uri("/api/customers/1/orders")
			.header("Idempotency-Key", "k-1")
			.contentType(MediaType.TEXT_PLAIN)
			.content("hello")
			.exchange(), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type");
	}

	@Test
	void unacceptableAcceptIs406AsProblemJson() {
		assertProblem(this.mvc.get().uri("/api/cpu?rounds=1").accept(MediaType.TEXT_HTML).exchange(),
				HttpStatus.NOT_ACCEPTABLE, "not-acceptable");
	}

	@Test
	void wrongMethodIs405() {
		assertProblem(this.mvc.delete().uri("/api/cpu").exchange(), HttpStatus.METHOD_NOT_ALLOWED,
				"method-not-allowed");
	}

	@Test
	void unknownPathIs404() {
		MvcTestResult result = this.mvc.get().uri("/api/nothing-here").exchange();
		assertProblem(result, HttpStatus.NOT_FOUND, "not-found");
		assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("No endpoint GET /api/nothing-here.");
	}

	@Test
	void pitfallsAreNotOnThisStack() {
		assertProblem(this.mvc.get().uri("/api/pitfalls/blocking-on-event-loop?ms=10").exchange(), HttpStatus.NOT_FOUND,
				"not-found");
		assertProblem(this.mvc.get().uri("/api/pitfalls/offloaded?ms=10").exchange(), HttpStatus.NOT_FOUND,
				"not-found");
	}

	private static void assertProblem(MvcTestResult result, HttpStatus status, String slug) {
		assertThat(result).hasStatus(status);
		assertThat(result).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).hasHeader("X-Lab-Stack", "blocking");
		assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("https://fanout-lab.dev/problems/" + slug);
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(status.value());
		assertThat(result).bodyJson().extractingPath("$.title").isNotNull();
		assertThat(result).bodyJson().extractingPath("$.detail").isNotNull();
		assertThat(result).bodyText().doesNotContain("Exception", "at dev.", "SQL");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Metrics {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
