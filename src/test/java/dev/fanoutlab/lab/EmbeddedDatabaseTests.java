package dev.fanoutlab.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import dev.fanoutlab.support.PostgresFaults;
import dev.fanoutlab.support.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The embedded server the lab (and the tests) run: durable, every role behind a password,
 * no superuser login at all, its directories private.
 */
class EmbeddedDatabaseTests {

	private final EmbeddedDatabase database = TestDatabase.embedded().orElseThrow();

	@Test
	void commitsAreOnDiskBeforeTheyAreAcknowledged() {
		assertThat(this.database.settings("fsync", "synchronous_commit", "full_page_writes"))
			.containsExactlyInAnyOrderEntriesOf(EmbeddedDatabase.DURABLE)
			.containsEntry("fsync", "on")
			.containsEntry("synchronous_commit", "on")
			.containsEntry("full_page_writes", "on");
	}

	@Test
	void theSuperuserCannotLogInOverTcpWithoutAPasswordOrWithAWrongOne() {
		String postgresDb = "jdbc:postgresql://127.0.0.1:" + this.database.port() + "/postgres";
		assertRefused(() -> DriverManager.getConnection(postgresDb, "postgres", ""));
		assertRefused(() -> DriverManager.getConnection(postgresDb, "postgres", "postgres"));
		assertRefused(() -> DriverManager.getConnection(postgresDb, "postgres", this.database.password()));
		assertRefused(() -> DriverManager.getConnection(this.database.jdbcUrl(), "postgres", "fanoutlab"));
	}

	@Test
	void theLabUserNeedsItsPassword() throws SQLException {
		assertRefused(() -> DriverManager.getConnection(this.database.jdbcUrl(), EmbeddedDatabase.USER, ""));
		assertRefused(() -> DriverManager.getConnection(this.database.jdbcUrl(), EmbeddedDatabase.USER, "fanoutlab"));
		try (Connection connection = DriverManager.getConnection(this.database.jdbcUrl(), EmbeddedDatabase.USER,
				this.database.password());
				Statement statement = connection.createStatement();
				ResultSet row = statement
					.executeQuery("SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user")) {
			row.next();
			assertThat(row.getBoolean(1)).as("superuser").isFalse();
			assertThat(row.getBoolean(2)).as("may create roles").isFalse();
		}
	}

	@Test
	void theLabUserCannotRunProgramsOnTheServer() throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.database.jdbcUrl(), EmbeddedDatabase.USER,
				this.database.password()); Statement statement = connection.createStatement()) {
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.execute("COPY (SELECT 1) TO PROGRAM 'id'"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("42501"));
		}
	}

	@Test
	void dataSocketAndBinariesAreInDirectoriesOnlyTheirOwnerCanEnter() throws Exception {
		Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rwx------");
		assertThat(Files.getPosixFilePermissions(EmbeddedDatabase.home())).isEqualTo(ownerOnly);
		assertThat(Files.getPosixFilePermissions(this.database.dataDirectory())).isEqualTo(ownerOnly);
		assertThat(Files.getPosixFilePermissions(this.database.socketDirectory())).isEqualTo(ownerOnly);
		try (Stream<Path> socket = Files.list(this.database.socketDirectory())) {
			assertThat(socket.map((path) -> path.getFileName().toString()))
				.contains(".s.PGSQL." + this.database.port());
		}
		try (Stream<Path> binaries = Files.walk(EmbeddedDatabase.home().resolve("bin"))) {
			assertThat(binaries.filter(Files::isDirectory)).isNotEmpty()
				.allSatisfy((directory) -> assertThat(Files.getPosixFilePermissions(directory))
					.doesNotContain(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE));
		}
	}

	/**
	 * A commit acknowledged just before the postmaster is killed with SIGKILL is there
	 * after crash recovery. With {@code synchronous_commit=off} the commit is answered
	 * before its WAL is flushed, and the kill loses it.
	 */
	@Test
	void anAcknowledgedCommitSurvivesAKilledPostmaster() throws Exception {
		try (EmbeddedDatabase own = EmbeddedDatabase.start(EmbeddedDatabase.newPassword())) {
			String table = "durable_" + UUID.randomUUID().toString().replace("-", "");
			try (Connection connection = DriverManager.getConnection(own.jdbcUrl(), EmbeddedDatabase.USER,
					own.password()); Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE " + table + " (n int)");
				for (int n = 0; n < 200; n++) {
					statement.execute("INSERT INTO " + table + " VALUES (" + n + ")");
				}
			}
			PostgresFaults.crashAndRecover(own);
			assertThat(countOf(own, table, Duration.ofSeconds(60))).isEqualTo(200);
			assertThat(own.settings("synchronous_commit")).containsEntry("synchronous_commit", "on");
		}
	}

	private static long countOf(EmbeddedDatabase database, String table, Duration within) throws Exception {
		long deadline = System.nanoTime() + within.toNanos();
		while (true) {
			try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER,
					database.password());
					Statement statement = connection.createStatement();
					ResultSet row = statement.executeQuery("SELECT count(*) FROM " + table)) {
				row.next();
				return row.getLong(1);
			}
			catch (SQLException recovering) {
				if (System.nanoTime() > deadline) {
					throw recovering;
				}
				Thread.sleep(200);
			}
		}
	}

	/**
	 * Refused by the server: rejected (28000), a wrong password (28P01), or a password
	 * demanded that the client does not have (08004).
	 */
	private static void assertRefused(Connect connect) {
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connect.open().close())
			.satisfies((ex) -> assertThat(ex.getSQLState()).isIn("28P01", "28000", "08004"));
	}

	@FunctionalInterface
	private interface Connect {

		Connection open() throws SQLException;

	}

}
