package dev.fanoutlab.lab;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a child to answer 200 on its readiness probe, giving up when the deadline
 * passes or when any child of the lab exits.
 */
final class ReadinessProbe {

	private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	static URI readinessUri(int port) {
		return URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
	}

	/**
	 * Returns empty once {@code child} is ready, else why it is not.
	 */
	Optional<String> awaitReady(RoleProcess child, Collection<RoleProcess> all, long deadlineNanos)
			throws InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(readinessUri(child.port())).timeout(Duration.ofSeconds(5)).build();
		while (true) {
			Optional<RoleProcess> exited = all.stream().filter((each) -> !each.isAlive()).findFirst();
			if (exited.isPresent()) {
				return Optional.of(exited.get().role().id() + " exited with code " + exited.get().process().exitValue()
						+ " before the lab was ready");
			}
			if (isReady(request)) {
				return Optional.empty();
			}
			if (System.nanoTime() - deadlineNanos > 0) {
				return Optional.of(child.role().id() + " was not ready at " + request.uri() + " in time");
			}
			// waiting on the child's exit doubles as the pause between two polls
			child.process().waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private boolean isReady(HttpRequest request) throws InterruptedException {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false; // not listening yet
		}
	}

}
