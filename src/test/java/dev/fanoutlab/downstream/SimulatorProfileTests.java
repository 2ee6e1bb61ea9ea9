package dev.fanoutlab.downstream;

import dev.fanoutlab.support.LabHttp;
import dev.fanoutlab.support.Simulator;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.fanoutlab.downstream.SimulatorServicesTests.millisOf;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /admin/profile}: presets, merges, and changes that apply at once. */
class SimulatorProfileTests {

	@AutoClose
	private static final Simulator simulator = Simulator.start();

	@BeforeEach
	void backToFast() {
		assertThat(simulator.put("/admin/profile", "{\"preset\":\"fast\"}").status()).isEqualTo(200);
	}

	@Test
	void fastIsTheDefaultPreset() {
		JsonNode profile = simulator.get("/admin/profile").json();
		assertThat(profile.get("preset").asString()).isEqualTo("fast");
		JsonNode services = profile.get("services");
		assertThat(services.propertyNames()).containsExactly("recommendations", "loyalty", "shipping", "echo",
				"payments");
		assertThat(services.get("recommendations").get("latencyMs").longValue()).isEqualTo(120);
		assertThat(services.get("loyalty").get("latencyMs").longValue()).isEqualTo(60);
		assertThat(services.get("shipping").get("latencyMs").longValue()).isEqualTo(80);
		assertThat(services.get("echo").get("latencyMs").longValue()).isEqualTo(100);
		assertThat(services.get("payments").get("latencyMs").longValue()).isEqualTo(50);
		JsonNode echo = services.get("echo");
		assertThat(echo.get("jitterMs").longValue()).isZero();
		assertThat(echo.get("failRate").doubleValue()).isZero();
		assertThat(echo.get("failStatus").intValue()).isEqualTo(503);
	}

	@Test
	void slowMultipliesEveryLatencyByFiveAndAppliesToTheNextCall() {
		LabHttp.Reply put = simulator.put("/admin/profile", "{\"preset\":\"slow\"}");
		assertThat(put.status()).isEqualTo(200);
		JsonNode profile = simulator.get("/admin/profile").json();
		assertThat(profile).isEqualTo(put.json());
		assertThat(profile.get("preset").asString()).isEqualTo("slow");
		assertThat(profile.get("services").get("recommendations").get("latencyMs").longValue()).isEqualTo(600);
		assertThat(profile.get("services").get("payments").get("latencyMs").longValue()).isEqualTo(250);
		// echo: 100 ms under fast, 500 ms under slow
		assertThat(millisOf(simulator, "/services/echo/s")).isGreaterThanOrEqualTo(500);
	}

	@Test
	void servicesAreMergedIntoTheCurrentSettings() {
		simulator.put("/admin/profile", "{\"services\":{\"echo\":{\"latencyMs\":700}}}");
		LabHttp.Reply put = simulator.put("/admin/profile",
				"{\"services\":{\"echo\":{\"failStatus\":502},\"loyalty\":{\"jitterMs\":10,\"failRate\":0.25}}}");
		assertThat(put.status()).isEqualTo(200);
		JsonNode profile = simulator.get("/admin/profile").json();
		assertThat(profile.get("preset").asString()).isEqualTo("custom");
		JsonNode echo = profile.get("services").get("echo");
		assertThat(echo.get("latencyMs").longValue()).isEqualTo(700);
		assertThat(echo.get("failStatus").intValue()).isEqualTo(502);
		JsonNode loyalty = profile.get("services").get("loyalty");
		assertThat(loyalty.get("latencyMs").longValue()).isEqualTo(60);
		assertThat(loyalty.get("jitterMs").longValue()).isEqualTo(10);
		assertThat(loyalty.get("failRate").doubleValue()).isEqualTo(0.25);
		assertThat(profile.get("services").get("shipping").get("latencyMs").longValue()).isEqualTo(80);
		assertThat(millisOf(simulator, "/services/echo/m")).isGreaterThanOrEqualTo(700);
	}

	@Test
	void aPresetWithServicesStartsFromThePreset() {
		simulator.put("/admin/profile", "{\"services\":{\"loyalty\":{\"latencyMs\":1}}}");
		JsonNode profile = simulator
			.put("/admin/profile", "{\"preset\":\"slow\",\"services\":{\"echo\":{\"latencyMs\":5}}}")
			.json();
		assertThat(profile.get("preset").asString()).isEqualTo("custom");
		assertThat(profile.get("services").get("echo").get("latencyMs").longValue()).isEqualTo(5);
		assertThat(profile.get("services").get("loyalty").get("latencyMs").longValue()).isEqualTo(300);
	}

	@Test
	void theProfileFailureRateApplies() {
		simulator.put("/admin/profile",
				"{\"services\":{\"echo\":{\"latencyMs\":0,\"failRate\":1,\"failStatus\":500}}}");
		SimulatorServicesTests.assertProblem(simulator.get("/services/echo/x"), 500);
		assertThat(simulator.get("/services/echo/x?failRate=0").status()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"preset\":\"medium\"}", "{\"preset\":5}", "{}", "{\"services\":{\"inventory\":{}}}",
			"{\"services\":{\"echo\":{\"latencyMs\":-1}}}", "{\"services\":{\"echo\":{\"latencyMs\":\"5\"}}}",
			"{\"services\":{\"echo\":{\"failRate\":2}}}", "{\"services\":{\"echo\":{\"failStatus\":302}}}",
			"{\"services\":{\"echo\":{\"delay\":5}}}", "{\"services\":{\"echo\":5}}", "{\"services\":[]}",
			"{\"preset\":\"slow\",\"services\":{\"echo\":{\"jitterMs\":70000}}}", "{\"mode\":\"slow\"}", "[]",
			"not json", "" })
	void aBadUpdateIsRefusedAndChangesNothing(String body) {
		JsonNode before = simulator.get("/admin/profile").json();
		LabHttp.Reply reply = simulator.put("/admin/profile", body);
		SimulatorServicesTests.assertProblem(reply, 400);
		assertThat(reply.json().get("errors").size()).isPositive();
		assertThat(simulator.get("/admin/profile").json()).isEqualTo(before);
	}

}
