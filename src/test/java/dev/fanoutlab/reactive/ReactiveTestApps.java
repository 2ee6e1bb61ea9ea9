package dev.fanoutlab.reactive;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.fanoutlab.downstream.DownstreamApplication;
import dev.fanoutlab.support.TestDatabase;

import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The real reactive app on a random port, against the real PostgreSQL and the real
 * simulator (also on a random port), started once for the test JVM.
 */
final class ReactiveTestApps {

	private static ConfigurableApplicationContext simulator;

	private static ConfigurableApplicationContext app;

	private ReactiveTestApps() {
	}

	static synchronized ConfigurableApplicationContext simulator() {
		if (simulator == null) {
			simulator = DownstreamApplication.builder().run("--server.port=0");
		}
		return simulator;
	}

	static synchronized ConfigurableApplicationContext app() {
		if (app == null) {
			app = start(Map.of("lab.downstream.url", "http://127.0.0.1:" + port(simulator()), "lab.pitfalls.enabled",
					"true"), true);
		}
		return app;
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

	static int port(ConfigurableApplicationContext context) {
		return ((ReactiveWebServerApplicationContext) context).getWebServer().getPort();
	}

	static WebTestClient client(ConfigurableApplicationContext context) {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port(context))
			.responseTimeout(Duration.ofSeconds(30))
			// /actuator/prometheus outgrows the default 256 KiB in a JVM that runs many
			// apps
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
			.build();
	}

	static String simulatorUrl() {
		return "http://127.0.0.1:" + port(simulator());
	}

}
