package dev.fanoutlab.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.fanoutlab.Role;

/**
 * What the {@code lab} role reads from its environment and arguments: the port of each
 * role, an external database if one is configured (or the password of the lab user of the
 * embedded one: LAB_DB_PASSWORD, a new random one when unset), the JVM options of the
 * children (and a sentence saying where they came from), how long they may take to become
 * ready, and the arguments forwarded to every child.
 */
record LabSettings(Map<Role, Integer> ports, Optional<Database> externalDatabase, String embeddedDatabasePassword,
		List<String> childJvmOptions, String childJvmOptionsNote, Duration startupTimeout, List<String> forwardedArgs) {

	static final List<Role> CHILDREN = List.of(Role.DOWNSTREAM, Role.REACTIVE, Role.BLOCKING, Role.VIRTUAL);

	/**
	 * The connection settings of an external database: the launcher reads them to choose
	 * the database and hands every role the one it chose, as environment variables.
	 */
	private static final List<String> DB_CONNECTION_KEYS = List.of("host", "port", "name", "user", "password");

	private static final String DB_ARG_PREFIX = "--lab.db.";

	static LabSettings from(Map<String, String> environment, String[] args) {
		return from(environment, args, RoleHeap.ofThisMachine());
	}

	/**
	 * {@code heap}: the rule's heap for this machine, used when LAB_CHILD_JAVA_OPTS is
	 * not set. Of the {@code --lab.db.*} arguments, the connection settings choose the
	 * database; every other one ({@code --lab.db.pool-size=30}) goes to every role, as
	 * every argument that is not the launcher's own.
	 */
	static LabSettings from(Map<String, String> environment, String[] args, RoleHeap heap) {
		Map<String, String> env = new HashMap<>(environment);
		List<String> forwarded = new ArrayList<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			String key = (arg.startsWith(DB_ARG_PREFIX) && equals > 0) ? arg.substring(DB_ARG_PREFIX.length(), equals)
					: "";
			if (DB_CONNECTION_KEYS.contains(key)) {
				env.put("LAB_DB_" + key.toUpperCase(Locale.ROOT), arg.substring(equals + 1));
			}
			else {
				forwarded.add(arg);
			}
		}
		Map<Role, Integer> ports = new EnumMap<>(Role.class);
		for (Role role : CHILDREN) {
			ports.put(role, number(env, portVariable(role), role.defaultPort()));
		}
		String javaOpts = value(env, "LAB_CHILD_JAVA_OPTS", "");
		List<String> jvmOptions = javaOpts.isBlank() ? heap.jvmOptions() : List.of(javaOpts.split("\\s+"));
		String note = javaOpts.isBlank() ? heap.explanation()
				: "every role runs with LAB_CHILD_JAVA_OPTS='" + javaOpts + "'";
		Duration timeout = Duration.ofSeconds(number(env, "LAB_STARTUP_TIMEOUT", 180));
		String password = value(env, "LAB_DB_PASSWORD", "");
		return new LabSettings(ports, externalDatabase(env),
				password.isEmpty() ? EmbeddedDatabase.newPassword() : password, jvmOptions, note, timeout,
				List.copyOf(forwarded));
	}

	/** The environment variable that sets the port of a role, e.g. LAB_REACTIVE_PORT. */
	static String portVariable(Role role) {
		return "LAB_" + role.id().toUpperCase(Locale.ROOT) + "_PORT";
	}

	int port(Role role) {
		return this.ports.get(role);
	}

	String downstreamUrl() {
		return "http://127.0.0.1:" + port(Role.DOWNSTREAM);
	}

	private static Optional<Database> externalDatabase(Map<String, String> env) {
		if (value(env, "LAB_DB_HOST", "").isBlank()) {
			return Optional.empty();
		}
		return Optional.of(Database.external(env.get("LAB_DB_HOST"), number(env, "LAB_DB_PORT", 5432),
				value(env, "LAB_DB_NAME", "fanoutlab"), value(env, "LAB_DB_USER", "fanoutlab"),
				value(env, "LAB_DB_PASSWORD", "fanoutlab")));
	}

	/** A whole number; seconds may carry an {@code s}: {@code 180} or {@code 180s}. */
	private static int number(Map<String, String> env, String name, int fallback) {
		String value = value(env, name, String.valueOf(fallback));
		try {
			return Integer.parseInt(value.endsWith("s") ? value.substring(0, value.length() - 1) : value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
		}
	}

	private static String value(Map<String, String> env, String name, String fallback) {
		String value = env.get(name);
		return (value != null && !value.isBlank()) ? value.trim() : fallback;
	}

}
