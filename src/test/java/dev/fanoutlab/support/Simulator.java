package dev.fanoutlab.support;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.fanoutlab.downstream.DownstreamApplication;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real simulator ({@code downstream} role) as tests start and drive it: the one way
 * to start one ({@link #start}) and the one client of its admin API. Counters are read
 * strictly: a field the simulator does not report fails the test instead of reading 0.
 */
public final class Simulator implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final String url;

	private Simulator(ConfigurableApplicationContext context, String url) {
		this.context = context;
		this.url = url;
	}

	/** A simulator of its own on a random port: the caller closes it. */
	public static Simulator start(String... args) {
		String[] all = Stream.concat(Stream.of("--server.port=0"), Stream.of(args)).toArray(String[]::new);
		ConfigurableApplicationContext context = DownstreamApplication.builder().run(all);
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return new Simulator(context, "http://127.0.0.1:" + port);
	}

	public String url() {
		return this.url;
	}

	/** A property as the running simulator resolved it. */
	public String property(String name) {
		return this.context.getEnvironment().getProperty(name);
	}

	/** A GET with {@code headers} as name, value, ..., e.g. the admin token's. */
	public LabHttp.Reply get(String path, String... headers) {
		return LabHttp.get(this.url + path, headers);
	}

	public CompletableFuture<LabHttp.Reply> getAsync(String path) {
		return LabHttp.getAsync(this.url + path);
	}

	/** A call whose client gives up after {@code giveUpAfter}. */
	public CompletableFuture<LabHttp.Reply> getAsync(String path, Duration giveUpAfter) {
		return LabHttp.sendAsync(LabHttp.request(this.url + path).timeout(giveUpAfter).GET().build());
	}

	public LabHttp.Reply post(String path, String json) {
		return LabHttp.post(this.url + path, json);
	}

	public LabHttp.Reply put(String path, String json) {
		return LabHttp.put(this.url + path, json);
	}

	public void preset(String preset) {
		assertThat(put("/admin/profile", "{\"preset\":\"" + preset + "\"}").status()).isEqualTo(200);
	}

	/** Merges settings for one service, e.g. {@code "failRate":1}. */
	public void set(String service, String settingsJson) {
		String body = "{\"services\":{\"" + service + "\":{" + settingsJson + "}}}";
		assertThat(put("/admin/profile", body).status()).isEqualTo(200);
	}

	/**
	 * Waits until no call of an earlier test is still in flight, then zeroes the
	 * counters.
	 */
	public void resetStats() {
		awaitIdle();
		assertThat(post("/admin/stats/reset", "").status()).isIn(200, 204);
	}

	public void awaitIdle() {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
		while (total("inFlight") > 0 && System.nanoTime() < deadline) {
			pause();
		}
		assertThat(total("inFlight")).as("calls still in flight at the simulator").isZero();
	}

	public JsonNode stats() {
		LabHttp.Reply reply = get("/admin/stats");
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		return reply.json();
	}

	/** A counter of the sum over services, e.g. {@code peakInFlight}. */
	public long total(String field) {
		return counter(stats(), "total", field);
	}

	/** A counter of one service, e.g. {@code cancelled} of {@code echo}. */
	public long service(String service, String field) {
		return counter(stats(), "services", service, field);
	}

	/** The counter at {@code path} in {@code stats}; a missing one fails the test. */
	public static long counter(JsonNode stats, String... path) {
		JsonNode node = stats;
		for (String name : path) {
			node = node.path(name);
		}
		assertThat(node.isIntegralNumber()).as("%s in %s", String.join(".", path), stats).isTrue();
		return node.longValue();
	}

	private static void pause() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.context.close();
	}

}
