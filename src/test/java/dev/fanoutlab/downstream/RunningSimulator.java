package dev.fanoutlab.downstream;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

/** The real simulator on a random port, and a plain JDK HTTP client to talk to it. */
final class RunningSimulator implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ConfigurableApplicationContext context;

	private final String base;

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private RunningSimulator(ConfigurableApplicationContext context) {
		this.context = context;
		this.base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
	}

	static RunningSimulator start(String... args) {
		String[] all = Stream.concat(Stream.of("--server.port=0"), Stream.of(args)).toArray(String[]::new);
		return new RunningSimulator(DownstreamApplication.builder().run(all));
	}

	Reply get(String path) {
		return send(request(path).GET());
	}

	Reply get(String path, String header, String value) {
		return send(request(path).header(header, value).GET());
	}

	String property(String name) {
		return this.context.getEnvironment().getProperty(name);
	}

	Reply post(String path, String json) {
		return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	Reply put(String path, String json) {
		return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(json)));
	}

	CompletableFuture<HttpResponse<String>> getAsync(String path, Duration giveUpAfter) {
		return this.client.sendAsync(request(path).GET().timeout(giveUpAfter).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	CompletableFuture<HttpResponse<String>> getAsync(String path) {
		return this.client.sendAsync(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	JsonNode stats() {
		return get("/admin/stats").json();
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.base + path)).header("Content-Type", "application/json");
	}

	private Reply send(HttpRequest.Builder request) {
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Reply(response, Duration.ofNanos(System.nanoTime() - start));
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
		this.client.close();
		this.context.close();
	}

	/** One answer: status, headers, body and how long it took. */
	record Reply(HttpResponse<String> response, Duration took) {

		int status() {
			return this.response.statusCode();
		}

		String body() {
			return this.response.body();
		}

		String header(String name) {
			return this.response.headers().firstValue(name).orElse(null);
		}

		JsonNode json() {
			return JSON.readTree(this.response.body());
		}

	}

}
