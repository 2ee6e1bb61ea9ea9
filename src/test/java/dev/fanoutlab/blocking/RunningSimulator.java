package dev.fanoutlab.blocking;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.fanoutlab.downstream.DownstreamApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

/** The real simulator ({@code downstream} role) on a random port, with its admin API. */
final class RunningSimulator implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ConfigurableApplicationContext context;

	// virtual threads: the test client adds no HttpClient-N-Worker threads of its own
	private final HttpClient http = HttpClient.newBuilder()
		.executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
		.build();

	private final String url;

	private RunningSimulator(ConfigurableApplicationContext context) {
		this.context = context;
		this.url = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
	}

	static RunningSimulator start() {
		return new RunningSimulator(
				DownstreamApplication.builder().run("--server.port=0", "--management.server.port=-1"));
	}

	String url() {
		return this.url;
	}

	void preset(String preset) {
		put("{\"preset\":\"" + preset + "\"}");
	}

	/** Merges settings of one service, e.g. {@code {"latencyMs":2000}}. */
	void service(String service, String settingsJson) {
		put("{\"services\":{\"" + service + "\":" + settingsJson + "}}");
	}

	void resetStats() {
		send(HttpRequest.newBuilder(URI.create(this.url + "/admin/stats/reset"))
			.POST(HttpRequest.BodyPublishers.noBody()));
	}

	/** {@code stat} of {@code service} ({@code total} for the sum), e.g. cancelled. */
	long stat(String service, String stat) {
		JsonNode stats = JSON
			.readTree(send(HttpRequest.newBuilder(URI.create(this.url + "/admin/stats")).GET()).body());
		JsonNode counters = "total".equals(service) ? stats.get("total") : stats.get("services").get(service);
		return (counters != null && counters.has(stat)) ? counters.get(stat).asLong() : 0;
	}

	private void put(String json) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(this.url + "/admin/profile"))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json)));
		if (response.statusCode() != 200) {
			throw new IllegalStateException("PUT /admin/profile " + json + " -> " + response.statusCode());
		}
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.http.close();
		this.context.close();
	}

}
