package dev.fanoutlab.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.fanoutlab.Role;

/**
 * One role running in its own JVM, its output copied to the launcher's console.
 */
final class RoleProcess {

	private final Role role;

	private final int port;

	private final Process process;

	private final List<Thread> pumps;

	private RoleProcess(Role role, int port, Process process) {
		this.role = role;
		this.port = port;
		this.process = process;
		this.pumps = List.of(OutputPump.start(role, "out", process.getInputStream(), System.out),
				OutputPump.start(role, "err", process.getErrorStream(), System.err));
	}

	static RoleProcess start(Role role, int port, List<String> command, Map<String, String> environment) {
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().putAll(environment);
		try {
			return new RoleProcess(role, port, builder.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not start the " + role.id() + " role: " + command.get(0), ex);
		}
	}

	Role role() {
		return this.role;
	}

	int port() {
		return this.port;
	}

	Process process() {
		return this.process;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Asks the child to stop (SIGTERM: Spring Boot shuts down gracefully). Through the
	 * handle, because {@code Process.destroy()} also closes the pipes, and the child's
	 * last words would be lost.
	 */
	void requestStop() {
		this.process.toHandle().destroy();
	}

	/** Waits until the deadline, then kills the child if it is still there. */
	void awaitStop(long deadlineNanos) throws InterruptedException {
		long left = deadlineNanos - System.nanoTime();
		if (!this.process.waitFor(Math.max(left, 0), TimeUnit.NANOSECONDS)) {
			System.err.println(OutputPump.prefix(this.role) + "did not stop in time, killing it");
			this.process.destroyForcibly().waitFor();
		}
		for (Thread pump : this.pumps) {
			pump.join(TimeUnit.SECONDS.toMillis(2));
		}
	}

}
