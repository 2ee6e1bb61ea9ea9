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
 * children, how long they may take to become ready, and the arguments forwarded to every
 * child.
 */
record LabSettings(Map<Role, Integer> ports, Optional<Database> externalDatabase, String embeddedDatabasePassword,
		List<String> childJvmOptions, Duration startupTimeout, List<String> forwardedArgs) {

	static final List<Role> CHILDREN = List.of(Role.DOWNSTREAM, Role.REACTIVE, Role.BLOCKING, Role.VIRTUAL);

	/**
	 * A fixed heap, so that memory compares fairly, and ZGC: at 1,000 requests in flight
	 * the live set is large, and G1 stopped the world over 100 ms to copy it on 2 cores;
	 * ZGC's pauses stay under a millisecond. 2 GiB: ZGC collects concurrently, and the
	 * less room it has above the live set the more often it runs; at 1 GiB and 1,000
	 * requests in flight its threads took 15-29% of the stack's CPU, at 2 GiB 7-15%
	 * (bench/gc-heap.sh, docs/performance.md).
	 */
	static final String DEFAULT_CHILD_JAVA_OPTS = "-Xms2g -Xmx2g -XX:+UseZGC -XX:+ExitOnOutOfMemoryError";

	private static final String DB_ARG_PREFIX = "--lab.db.";

	static LabSettings from(Map<String, String> environment, String[] args) {
		Map<String, String> env = new HashMap<>(environment);
		List<String> forwarded = new ArrayList<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (arg.startsWith(DB_ARG_PREFIX) && equals > 0) {
				String key = arg.substring(DB_ARG_PREFIX.length(), equals);
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
		String javaOpts = value(env, "LAB_CHILD_JAVA_OPTS", DEFAULT_CHILD_JAVA_OPTS);
		List<String> jvmOptions = javaOpts.isBlank() ? List.of() : List.of(javaOpts.trim().split("\\s+"));
		Duration timeout = Duration.ofSeconds(number(env, "LAB_STARTUP_TIMEOUT", 180));
		String password = value(env, "LAB_DB_PASSWORD", "");
		return new LabSettings(ports, externalDatabase(env),
				password.isEmpty() ? EmbeddedDatabase.newPassword() : password, jvmOptions, timeout,
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
