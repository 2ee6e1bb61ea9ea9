package dev.fanoutlab.lab;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where every role of the lab finds PostgreSQL: the embedded server, or one the user
 * configured.
 */
record Database(String host, int port, String name, String user, String password, Optional<ProcessHandle> server) {

	/** A database the user configured: the lab neither starts nor stops it. */
	static Database external(String host, int port, String name, String user, String password) {
		return new Database(host, port, name, user, password, Optional.empty());
	}

	static Database of(EmbeddedDatabase database, Optional<ProcessHandle> server) {
		return new Database(database.host(), database.port(), EmbeddedDatabase.NAME, EmbeddedDatabase.USER,
				database.password(), server);
	}

	/** Whether the lab runs this server itself. */
	boolean embedded() {
		return this.server.isPresent();
	}

	String jdbcUrl() {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + this.name;
	}

	/** The environment variables that point a role at this database. */
	Map<String, String> environment() {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("LAB_DB_HOST", this.host);
		env.put("LAB_DB_PORT", String.valueOf(this.port));
		env.put("LAB_DB_NAME", this.name);
		env.put("LAB_DB_USER", this.user);
		env.put("LAB_DB_PASSWORD", this.password);
		return env;
	}

}
