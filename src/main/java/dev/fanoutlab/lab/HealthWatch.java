package dev.fanoutlab.lab;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Once the lab is ready: polls every role's liveness. A role that stops answering for
 * {@link #MISSES} polls in a row, a minute or more (a JVM alive but wedged, as one out of
 * heap was) is reported, killed, and so ends the lab with a non-zero status like a role
 * that exited: a lab with a dead stack must not pass for a working one.
 */
final class HealthWatch implements Runnable {

	static final Duration INTERVAL = Duration.ofSeconds(5);

	static final int MISSES = 12;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final List<RoleProcess> roles;

	private final RunningRoles running;

	private volatile String verdict;

	HealthWatch(List<RoleProcess> roles, RunningRoles running) {
		this.roles = roles;
		this.running = running;
	}

	static URI livenessUri(int port) {
		return URI.create("http://127.0.0.1:" + port + "/actuator/health/liveness");
	}

	/** Why the watch killed a role; null while every role answers. */
	String verdict() {
		return this.verdict;
	}

	@Override
	public void run() {
		Map<RoleProcess, Integer> misses = new HashMap<>();
		try {
			while (!this.running.isStopped()) {
				for (RoleProcess role : this.roles) {
					int missed = (!role.isAlive() || answers(role)) ? 0 : misses.getOrDefault(role, 0) + 1;
					misses.put(role, missed);
					if (missed >= MISSES) {
						this.verdict = role.role().id() + " stopped answering " + livenessUri(role.port()) + " ("
								+ MISSES + " polls " + INTERVAL.toSeconds()
								+ " s apart): killing it and stopping the lab";
						LabLauncher.say(this.verdict);
						role.process().destroyForcibly();
						return;
					}
				}
				Thread.sleep(INTERVAL);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private boolean answers(RoleProcess role) throws InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(livenessUri(role.port())).timeout(INTERVAL).build();
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
