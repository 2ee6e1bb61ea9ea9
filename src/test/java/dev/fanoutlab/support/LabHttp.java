package dev.fanoutlab.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for tests that talk to the lab as its users do: real requests over
 * loopback, answers read as text and JSON.
 */
public final class LabHttp {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	// virtual threads: the tests' own client leaves no HttpClient-N-Worker threads
	// behind for a later test to count
	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.executor(Executors.newVirtualThreadPerTaskExecutor())
		.build();

	private LabHttp() {
	}

	/** One answer: status, headers and body. */
	public record Reply(int status, java.net.http.HttpHeaders headers, String body) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		public Optional<String> header(String name) {
			return this.headers.firstValue(name);
		}

		public String contentType() {
			return header("Content-Type").orElse("");
		}

	}

	/** A GET with {@code headers} given as name, value, name, value, ... */
	public static Reply get(String url, String... headers) {
		return send(request(url, headers).GET().build());
	}

	public static CompletableFuture<Reply> getAsync(String url) {
		return sendAsync(request(url).GET().build());
	}

	public static CompletableFuture<Reply> sendAsync(HttpRequest request) {
		return CLIENT.sendAsync(request, BodyHandlers.ofString()).thenApply(LabHttp::reply);
	}

	public static Reply put(String url, String json) {
		return send(jsonRequest(url).PUT(BodyPublishers.ofString(json)).build());
	}

	public static Reply post(String url, String json, String... headers) {
		return send(jsonRequest(url, headers).POST(BodyPublishers.ofString(json)).build());
	}

	public static CompletableFuture<Reply> postAsync(String url, String json, String... headers) {
		return sendAsync(jsonRequest(url, headers).POST(BodyPublishers.ofString(json)).build());
	}

	public static Reply send(HttpRequest request) {
		try {
			return reply(CLIENT.send(request, BodyHandlers.ofString()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A request with {@code headers} given as name, value, name, value, ... */
	public static HttpRequest.Builder request(String url, String... headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
		for (int i = 0; i < headers.length; i += 2) {
			builder.header(headers[i], headers[i + 1]);
		}
		return builder;
	}

	private static HttpRequest.Builder jsonRequest(String url, String... headers) {
		return request(url, headers).header("Content-Type", "application/json");
	}

	public static JsonNode parse(String json) {
		return JSON.readTree(json);
	}

	private static Reply reply(HttpResponse<String> response) {
		return new Reply(response.statusCode(), response.headers(), response.body());
	}

}
