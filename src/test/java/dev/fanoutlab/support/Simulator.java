package dev.fanoutlab.support;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator's admin API, as tests drive it. */
public final class Simulator {

	private final String url;

	public Simulator(String url) {
		this.url = url;
	}

	public void preset(String preset) {
		assertThat(LabHttp.put(this.url + "/admin/profile", "{\"preset\":\"" + preset + "\"}").status()).isEqualTo(200);
	}

	/** Merges settings for one service, e.g. {@code "failRate":1}. */
	public void set(String service, String settingsJson) {
		String body = "{\"services\":{\"" + service + "\":{" + settingsJson + "}}}";
		assertThat(LabHttp.put(this.url + "/admin/profile", body).status()).isEqualTo(200);
	}

	/**
	 * Waits until no call of an earlier test is still in flight, then zeroes the
	 * counters.
	 */
	public void resetStats() {
		awaitIdle();
		assertThat(LabHttp.post(this.url + "/admin/stats/reset", "").status()).isIn(200, 204);
	}

	public void awaitIdle() {
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
		while (total("inFlight") > 0 && System.nanoTime() < deadline) {
			pause();
		}
		assertThat(total("inFlight")).as("calls still in flight at the simulator").isZero();
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

	public JsonNode stats() {
		return LabHttp.get(this.url + "/admin/stats").json();
	}

	public long total(String field) {
		return stats().path("total").path(field).asLong();
	}

	public long service(String service, String field) {
		return stats().path("services").path(service).path(field).asLong();
	}

}
