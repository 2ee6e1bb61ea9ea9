package dev.fanoutlab.reactive;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.fanoutlab.support.LabCluster;
import dev.fanoutlab.support.TestDatabase;

import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The real reactive app on a random port, against the real PostgreSQL and the real
 * simulator: the lab's own reactive stack ({@link LabCluster}), or one of a test's own.
 */
final class ReactiveTestApps {

	private ReactiveTestApps() {
	}

	static ConfigurableApplicationContext app() {
		return LabCluster.withStack("reactive").context("reactive");
	}

	/** A reactive app of its own: the caller closes it. */
	static ConfigurableApplicationContext start(Map<String, Object> properties, boolean withDatabase) {
		List<String> args = new ArrayList<>(List.of("--server.port=0"));
		if (withDatabase) {
			TestDatabase.get().labProperties().forEach((name, value) -> args.add("--" + name + "=" + value));
		}
		properties.forEach((name, value) -> args.add("--" + name + "=" + value));
		return ReactiveApplication.builder().run(args.toArray(String[]::new));
	}

	/** The simulator the lab's own reactive stack calls. */
	static String simulatorUrl() {
		return LabCluster.withStack("reactive").simulatorUrl();
	}

	static int port(ConfigurableApplicationContext context) {
		return ((ReactiveWebServerApplicationContext) context).getWebServer().getPort();
	}

	static WebTestClient client(ConfigurableApplicationContext context) {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port(context))
			.responseTimeout(Duration.ofSeconds(30))
			// /actuator/prometheus outgrows 256 KiB in a JVM that runs many apps
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
			.build();
	}

}
