package dev.fanoutlab.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import dev.fanoutlab.Role;

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
	 * Stops the stacks first, all at once, each with up to {@code grace} to finish the
	 * requests it is serving; then the simulator, which those requests were still calling
	 * (a create in flight reaches its verdict instead of failing on a simulator that went
	 * first). A role still running at its deadline is killed. The caller stops the
	 * database after this returns. Returns the roles it stopped, in the order asked.
	 */
	List<RoleProcess> stopAll(Duration grace) {
		List<RoleProcess> running;
		synchronized (this) {
			this.stopped = true;
			running = List.copyOf(this.roles).reversed();
		}
		List<RoleProcess> order = new ArrayList<>();
		for (List<RoleProcess> phase : phases(running)) {
			stopTogether(phase, grace);
			order.addAll(phase);
		}
		return order;
	}

	/** The stacks (every role but the simulator), then the simulator. */
	static List<List<RoleProcess>> phases(List<RoleProcess> running) {
		return List.of(running.stream().filter((role) -> role.role() != Role.DOWNSTREAM).toList(),
				running.stream().filter((role) -> role.role() == Role.DOWNSTREAM).toList());
	}

	private static void stopTogether(List<RoleProcess> phase, Duration grace) {
		phase.forEach(RoleProcess::requestStop);
		long deadline = System.nanoTime() + grace.toNanos();
		try {
			for (RoleProcess role : phase) {
				role.awaitStop(deadline);
			}
		}
		catch (InterruptedException ex) {
			phase.forEach((role) -> role.process().destroyForcibly());
			Thread.currentThread().interrupt();
		}
	}

}
