package dev.fanoutlab.load;

import java.time.Duration;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Open-model load on the overview: requests arrive at a fixed rate whatever the answers,
 * so a stack that slows down or refuses does not slow the load down (a closed-model
 * client, such as wrk, waits for each answer before it sends the next, and turns every
 * client over an admission limit into a loop of refusals). Each arrival is one request;
 * the users share one connection pool, as a fleet of callers behind a proxy would. A
 * {@code 200} is OK, anything else KO, so Gatling's statistics give the answered
 * overviews' percentiles apart from the refusals'.
 *
 * System properties: {@code base} (http://127.0.0.1:8081), {@code rate} (arrivals per
 * second, 100), {@code seconds} (20), {@code path} (/api/customers/5/overview).
 */
public class OpenModelOverview extends Simulation {

	private final String base = System.getProperty("base", "http://127.0.0.1:8081");

	private final double rate = Double.parseDouble(System.getProperty("rate", "100"));

	private final Duration duration = Duration.ofSeconds(Long.getLong("seconds", 20));

	private final String path = System.getProperty("path", "/api/customers/5/overview");

	private final HttpProtocolBuilder protocol = http.baseUrl(this.base).shareConnections().disableCaching();

	private final ScenarioBuilder overview = scenario("overview")
		.exec(http("overview").get(this.path).check(status().is(200)));

	{
		setUp(this.overview.injectOpen(constantUsersPerSec(this.rate).during(this.duration))).protocols(this.protocol);
	}

}
