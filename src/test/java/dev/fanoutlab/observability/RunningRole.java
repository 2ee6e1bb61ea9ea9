package dev.fanoutlab.observability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.fanoutlab.support.TestDatabase;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One role started on a random port, read the way Prometheus reads it: over HTTP from
 * {@code /actuator/prometheus}.
 */
final class RunningRole implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final ConfigurableApplicationContext context;

	private final int port;

	private RunningRole(ConfigurableApplicationContext context) {
		this.context = context;
		this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	static RunningRole start(SpringApplicationBuilder builder, boolean withDatabase) {
		// arguments, not default properties: application.yml already sets lab.db.*
		List<String> args = new ArrayList<>(List.of("--server.port=0"));
		if (withDatabase) {
			TestDatabase.get().labProperties().forEach((key, value) -> args.add("--" + key + "=" + value));
		}
		return new RunningRole(builder.run(args.toArray(String[]::new)));
	}

	int get(String path) {
		return send(path).statusCode();
	}

	/** The configuration class (bean name) that declared the named bean. */
	String declaredBy(String beanName) {
		return this.context.getBeanFactory().getBeanDefinition(beanName).getFactoryBeanName();
	}

	PrometheusScrape scrape() {
		HttpResponse<String> response = send("/actuator/prometheus");
		if (response.statusCode() != 200) {
			throw new IllegalStateException("/actuator/prometheus answered " + response.statusCode());
		}
		return new PrometheusScrape(List.of(response.body().split("\n")));
	}

	private HttpResponse<String> send(String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.build();
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	@Override
	public void close() {
		this.context.close();
	}

}
