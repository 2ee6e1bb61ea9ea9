package dev.fanoutlab.lab;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Once the lab is ready: polls every role's liveness. A role that stops answering for
 * {@link #MISSES} polls in a row, a minute or more (a JVM alive but wedged, as one out of
 * heap was), is reported loudly, by name and why, and killed: a dead stack must not pass
 * for a working one. The watch goes on for the others; what the lab does without the role
 * is {@link LabLauncher#canGoOnWithout}'s decision.
 */
final class HealthWatch implements Runnable {

	static final Duration INTERVAL = Duration.ofSeconds(5);

	static final int MISSES = 12;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final List<RoleProcess> roles;

	private final RunningRoles running;

	private final Map<RoleProcess, String> verdicts = new ConcurrentHashMap<>();

	HealthWatch(List<RoleProcess> roles, RunningRoles running) {
		this.roles = roles;
		this.running = running;
	}

	static URI livenessUri(int port) {
		return URI.create("http://127.0.0.1:" + port + "/actuator/health/liveness");
	}

	/** Why the watch killed {@code role}; null if it did not. */
	String verdict(RoleProcess role) {
		return this.verdicts.get(role);
	}

	static String verdict(String role, int port) {
		return role + " stopped answering " + livenessUri(port) + " (" + MISSES + " polls " + INTERVAL.toSeconds()
				+ " s apart: its JVM is alive but wedged; its own log above says why): killed";
	}

	@Override
	public void run() {
		Map<RoleProcess, Integer> misses = new HashMap<>();
		List<RoleProcess> watched = new ArrayList<>(this.roles);
		try {
			while (!this.running.isStopped() && !watched.isEmpty()) {
				for (RoleProcess role : List.copyOf(watched)) {
					int missed = (!role.isAlive() || answers(role)) ? 0 : misses.getOrDefault(role, 0) + 1;
					misses.put(role, missed);
					if (missed >= MISSES) {
						// recorded before the kill: the launcher reads it when the exit
						// wakes it
						this.verdicts.put(role, verdict(role.role().id(), role.port()));
						watched.remove(role);
						role.process().destroyForcibly();
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
