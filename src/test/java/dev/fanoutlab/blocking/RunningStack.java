package dev.fanoutlab.blocking;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import dev.fanoutlab.support.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code blocking} or {@code virtual} role on a random port, on the test database.
 */
final class RunningStack implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final ConfigurableApplicationContext context;

	// virtual threads: the test client adds no HttpClient-N-Worker threads of its own
	private final HttpClient http = HttpClient.newBuilder()
		.executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
		.build();

	private final String url;

	private RunningStack(ConfigurableApplicationContext context) {
		this.context = context;
		this.url = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
	}

	/** Starts the role; {@code properties} override the defaults (downstream URL...). */
	static RunningStack start(boolean virtual, Map<String, Object> properties) {
		return start(BlockingApplication.builder(virtual), properties);
	}

	static RunningStack start(SpringApplicationBuilder builder, Map<String, Object> properties) {
		Map<String, Object> all = new HashMap<>(TestDatabase.get().labProperties());
		all.put("server.port", 0);
		all.put("lab.db.pool-size", 5);
		all.putAll(properties);
		// arguments, not builder.properties(): application.yml overrides those
		String[] args = all.entrySet()
			.stream()
			.map((e) -> "--" + e.getKey() + "=" + e.getValue())
			.toArray(String[]::new);
		return new RunningStack(builder.run(args));
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	HttpResponse<String> get(String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.url + path)).GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.build());
	}

	HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.url + path));
	}

	static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	@Override
	public void close() {
		this.http.close();
		this.context.close();
	}

}
