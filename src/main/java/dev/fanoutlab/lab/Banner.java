package dev.fanoutlab.lab;

import java.util.List;

import dev.fanoutlab.Role;

/**
 * What the lab prints once every role is ready: where to click, curl and scrape.
 */
final class Banner {

	static final String DATABASE_LINE_PREFIX = "  database    ";

	private static final String RULE = "=".repeat(78);

	private Banner() {
	}

	static String text(LabSettings settings, Database database) {
		StringBuilder text = new StringBuilder();
		text.append(RULE).append('\n');
		text.append("Fan-out Lab is ready.\n\n");
		String simulator = url(settings, Role.DOWNSTREAM);
		text.append("  simulator   ").append(simulator).append('\n');
		line(text, "profile", simulator + "/admin/profile");
		line(text, "stats", simulator + "/admin/stats");
		line(text, "echo", simulator + "/services/echo/x?latencyMs=200");
		for (Role stack : List.of(Role.REACTIVE, Role.BLOCKING, Role.VIRTUAL)) {
			String base = url(settings, stack);
			text.append('\n').append(String.format("  %-11s %s%n", stack.id(), base));
			line(text, "overview", base + "/api/customers/42/overview?trace=true");
			line(text, "fanout", base + "/api/fanout?calls=10&latencyMs=200&mode=parallel");
			line(text, "info", base + "/api/info");
			line(text, "actuator", base + "/actuator/health");
			line(text, "prometheus", base + "/actuator/prometheus");
		}
		text.append('\n').append(DATABASE_LINE_PREFIX).append(database.jdbcUrl());
		text.append(
				database.embedded()
						? "  (embedded, durable: fsync and synchronous_commit on; user/password " + database.user()
								+ "/" + database.password() + ", LAB_DB_PASSWORD)"
						: "  (user " + database.user() + ")");
		text.append("\n\nCtrl-C stops everything.\n");
		text.append(RULE);
		return text.toString();
	}

	private static String url(LabSettings settings, Role role) {
		return "http://localhost:" + settings.port(role);
	}

	private static void line(StringBuilder text, String name, String url) {
		text.append(String.format("    %-11s %s%n", name, url));
	}

}
