package dev.fanoutlab.support;

import java.util.Map;

import dev.fanoutlab.lab.EmbeddedDatabase;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One real PostgreSQL for the whole test JVM: the embedded server (real PostgreSQL
 * binaries, no Docker), or a Testcontainers container with
 * {@code -Dfanoutlab.test.db=container}. Never H2, never a mock. The embedded server is
 * the default so that a suite's run never depends on whether a Docker engine happens to
 * be up, or can pull images; it runs with the lab's own settings, durable and with
 * passwords, so that what the tests see of it is what the lab runs.
 */
public final class TestDatabase {

	private static final String POSTGRES_IMAGE = "postgres:18.1-alpine";

	private static volatile Endpoint endpoint;

	private static EmbeddedDatabase embedded;

	private TestDatabase() {
	}

	/** Host, port, database, user, password of the running server. */
	public record Endpoint(String host, int port, String name, String user, String password) {

		public String jdbcUrl() {
			return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + this.name;
		}

		/** The lab's own settings that point a role at this server. */
		public Map<String, Object> labProperties() {
			return Map.of("lab.db.host", this.host, "lab.db.port", this.port, "lab.db.name", this.name, "lab.db.user",
					this.user, "lab.db.password", this.password);
		}

	}

	public static synchronized Endpoint get() {
		if (endpoint == null) {
			endpoint = "container".equals(System.getProperty("fanoutlab.test.db")) ? startContainer() : startEmbedded();
		}
		return endpoint;
	}

	@SuppressWarnings("resource") // lives as long as the test JVM; Ryuk removes it
	private static Endpoint startContainer() {
		PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE).withCommand("postgres", "-c",
				"max_connections=300");
		container.start();
		return new Endpoint(container.getHost(), container.getFirstMappedPort(), container.getDatabaseName(),
				container.getUsername(), container.getPassword());
	}

	private static Endpoint startEmbedded() {
		EmbeddedDatabase database = EmbeddedDatabase.start(EmbeddedDatabase.newPassword());
		embedded = database;
		Runtime.getRuntime().addShutdownHook(new Thread(database::close, "embedded-postgres-stop"));
		return new Endpoint(database.host(), database.port(), EmbeddedDatabase.NAME, EmbeddedDatabase.USER,
				database.password());
	}

	/**
	 * The embedded server behind {@link #get()}, for a test that terminates its backends
	 * or restarts it; empty when the tests run against a container.
	 */
	public static synchronized java.util.Optional<EmbeddedDatabase> embedded() {
		get();
		return java.util.Optional.ofNullable(embedded);
	}

}
