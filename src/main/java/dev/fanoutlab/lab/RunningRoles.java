package dev.fanoutlab.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The roles the lab has started. Once stopped, it starts no more: a Ctrl-C during
 * start-up cannot leave a late child behind.
 */
final class RunningRoles {

	private final List<RoleProcess> roles = new ArrayList<>();

	private boolean stopped;

	synchronized RoleProcess add(Supplier<RoleProcess> starter) {
		if (this.stopped) {
			throw new LabLauncher.LabFailure("the lab is stopping");
		}
		RoleProcess role = starter.get();
		this.roles.add(role);
		return role;
	}

	synchronized List<RoleProcess> snapshot() {
		return List.copyOf(this.roles);
	}

	synchronized boolean isStopped() {
		return this.stopped;
	}

	/** Waits until one of the roles not in {@code lost} exits, and returns it. */
	RoleProcess awaitAnyExit(java.util.Collection<RoleProcess> lost) {
		List<RoleProcess> running = snapshot().stream().filter((role) -> !lost.contains(role)).toList();
		CompletableFuture<?>[] exits = running.stream()
			.map((role) -> role.process().onExit())
			.toArray(CompletableFuture[]::new);
		Process exited = (Process) CompletableFuture.anyOf(exits).join();
		return running.stream().filter((role) -> role.process() == exited).findFirst().orElseThrow();
	}

	/**
	 * Asks every role to stop at once (newest first), waits up to {@code grace} for all
	 * of them, then kills those still running. Returns the roles it stopped.
	 */
	List<RoleProcess> stopAll(Duration grace) {
		List<RoleProcess> running;
		synchronized (this) {
			this.stopped = true;
			running = List.copyOf(this.roles).reversed();
		}
		running.forEach(RoleProcess::requestStop);
		long deadline = System.nanoTime() + grace.toNanos();
		try {
			for (RoleProcess role : running) {
				role.awaitStop(deadline);
			}
		}
		catch (InterruptedException ex) {
			running.forEach((role) -> role.process().destroyForcibly());
			Thread.currentThread().interrupt();
		}
		return running;
	}

}
