package dev.fanoutlab.lab;

/**
 * The {@code lab} role: embedded PostgreSQL (unless a database is configured), then every
 * other role in its own JVM. To be built (issue #2).
 */
public final class LabLauncher {

	private LabLauncher() {
	}

	public static void run(String[] args) {
		throw new UnsupportedOperationException("the lab role is not built yet");
	}

}
