package dev.fanoutlab.lab;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where every role of the lab finds PostgreSQL: the embedded server, or one the user
 * configured.
 */
record Database(String host, int port, String name, String user, String password, boolean embedded) {

	static Database of(EmbeddedDatabase database) {
		return new Database(database.host(), database.port(), EmbeddedDatabase.NAME, EmbeddedDatabase.USER,
				EmbeddedDatabase.PASSWORD, true);
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
