package dev.fanoutlab.lab;

import java.util.Optional;

/**
 * Makes a child of the lab exit when its launcher is gone, even if the launcher was
 * killed too hard to stop its children itself: no orphaned role keeps its port.
 */
public final class ParentWatch {

	static final String DATABASE_PID_PROPERTY = "lab.embedded-database-pid";

	private static final int PARENT_GONE_EXIT_CODE = 3;

	private ParentWatch() {
	}

	/** Installs the watch if the JVM was started by the lab with a parent pid. */
	public static void installIfRequested() {
		String pid = System.getProperty(ChildCommand.PARENT_PID_PROPERTY);
		if (pid == null || pid.isBlank()) {
			return;
		}
		Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(pid.trim()));
		if (parent.isEmpty() || !parent.get().isAlive()) {
			exit(pid);
			return;
		}
		// onExit of a process that is not our child is watched by a JDK daemon thread
		parent.get().onExit().thenRun(() -> exit(pid));
	}

	private static void exit(String pid) {
		System.err.println("lab launcher (pid " + pid + ") is gone: stopping this role");
		stopOrphanedDatabase();
		// on a thread of its own: the shutdown hooks must not wait on the JDK's watcher
		Thread exit = new Thread(() -> System.exit(PARENT_GONE_EXIT_CODE), "lab-parent-gone");
		exit.start();
	}

	/** The launcher cannot stop its embedded PostgreSQL any more: SIGTERM stops it. */
	private static void stopOrphanedDatabase() {
		String pid = System.getProperty(DATABASE_PID_PROPERTY);
		if (pid == null || pid.isBlank()) {
			return;
		}
		ProcessHandle.of(Long.parseLong(pid.trim()))
			.filter((server) -> server.info().command().orElse("").endsWith("postgres"))
			.ifPresent(ProcessHandle::destroy);
	}

}
