package dev.fanoutlab.docs;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.DefaultValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md's table against what the code reads, both directions: every
 * {@code ${LAB_...:default}} placeholder of the application*.yml files, every
 * {@code lab.*} property the {@code @ConfigurationProperties} records bind (with its
 * {@code @DefaultValue}), every {@code ${lab...:default}} in the Java sources, and every
 * variable the lab launcher reads. Each must have its row, with the same default and
 * property; each row must name something the code reads.
 */
class ConfigurationTableTests {

	private static final Path TABLE = Path.of("docs/configuration.md");

	private static final Pattern YAML_PLACEHOLDER = Pattern.compile("\\$\\{(LAB_[A-Z0-9_]+):([^}]*)}");

	private static final Pattern JAVA_PLACEHOLDER = Pattern.compile("\"\\$\\{(lab\\.[a-z0-9.-]+):([^}]*)}\"");

	/**
	 * {@code value(env, "LAB_X", "default")}, {@code number(env, "LAB_X", 180)},
	 * {@code get("LAB_X")}.
	 */
	private static final Pattern LAUNCHER_READ = Pattern.compile(
			"(?:value|number)\\(env, \"(LAB_[A-Z0-9_]+)\", \"?([^\")]*)\"?\\)|(?:env|environment)\\.get\\(\"(LAB_[A-Z0-9_]+)\"\\)");

	private static final List<Class<?>> PROPERTIES = List.of(dev.fanoutlab.api.LabProperties.class,
			classNamed("dev.fanoutlab.downstream.SimulatorProperties"));

	/** A row: {@code | `LAB_X` | `property` ... | read by | what | default |}. */
	record Row(String variable, String properties, String defaultCell) {

		/**
		 * The default as the code states it: the first backticked value, or "" for
		 * "empty".
		 */
		String defaultValue() {
			if (this.defaultCell.startsWith("empty")) {
				return "";
			}
			Matcher code = Pattern.compile("^`([^`]*)`").matcher(this.defaultCell);
			return code.find() ? code.group(1) : "(no default in backticks: " + this.defaultCell + ")";
		}

	}

	/** A setting as the code reads it: its variable, default and property paths. */
	record Setting(String variable, String defaultValue, List<String> properties, String source) {

	}

	@Test
	void everySettingTheCodeReadsHasItsRowWithTheSameDefaultAndProperty() throws IOException {
		Map<String, Row> rows = rows(Files.readString(TABLE));
		Map<String, Setting> code = settingsInCode();
		assertThat(code).as("settings the code reads").hasSizeGreaterThan(30);

		List<String> problems = new ArrayList<>();
		code.forEach((variable, setting) -> {
			Row row = rows.get(variable);
			if (row == null) {
				problems.add(variable + " (" + setting.source() + ") has no row in " + TABLE);
				return;
			}
			if (!row.defaultValue().equals(setting.defaultValue())) {
				problems.add(variable + ": the table's default is '" + row.defaultValue() + "', the code's '"
						+ setting.defaultValue() + "' (" + setting.source() + ")");
			}
			for (String property : setting.properties()) {
				if (!row.properties().contains("`" + property + "`")) {
					problems.add(variable + ": the property column does not name `" + property + "`");
				}
			}
		});
		rows.keySet()
			.stream()
			.filter((variable) -> !code.containsKey(variable))
			.forEach((variable) -> problems.add(variable + " has a row but nothing in the code reads it"));
		assertThat(problems).as("docs/configuration.md against the code").isEmpty();
	}

	@Test
	void theParsersFindWhatTheyLookFor() {
		Map<String, Row> rows = rows("""
				| `LAB_A` | `lab.a` | every stack | what | `1s` (one second) |
				| `LAB_B` | - | `lab` | what | empty = the rule |
				""");
		assertThat(rows.get("LAB_A").defaultValue()).isEqualTo("1s");
		assertThat(rows.get("LAB_B").defaultValue()).isEmpty();
		assertThat(yamlSettings("lab:\n  db:\n    pool-size: ${LAB_DB_POOL_SIZE:20}\n", "x.yml"))
			.containsExactly(new Setting("LAB_DB_POOL_SIZE", "20", List.of("lab.db.pool-size"), "x.yml"));
		assertThat(environmentName("lab.http.connect-timeout")).isEqualTo("LAB_HTTP_CONNECTTIMEOUT");
	}

	static Map<String, Row> rows(String markdown) {
		Map<String, Row> rows = new TreeMap<>();
		Matcher row = Pattern
			.compile("^\\| `(LAB_[A-Z0-9_]+)` \\|([^|]*)\\|[^|]*\\|[^|]*\\| ([^|]*) \\|$", Pattern.MULTILINE)
			.matcher(markdown);
		while (row.find()) {
			assertThat(rows).as("rows of %s", row.group(1)).doesNotContainKey(row.group(1));
			rows.put(row.group(1), new Row(row.group(1), row.group(2), row.group(3).trim()));
		}
		return rows;
	}

	static Map<String, Setting> settingsInCode() throws IOException {
		Map<String, Setting> settings = new TreeMap<>();
		try (Stream<Path> files = Files.list(Path.of("src/main/resources"))) {
			for (Path yml : files.filter((file) -> file.getFileName().toString().matches("application.*\\.yml"))
				.sorted()
				.toList()) {
				for (Setting setting : yamlSettings(Files.readString(yml), yml.getFileName().toString())) {
					merge(settings, setting);
				}
			}
		}
		for (Class<?> type : PROPERTIES) {
			String prefix = type
				.getAnnotation(org.springframework.boot.context.properties.ConfigurationProperties.class)
				.value();
			for (Map.Entry<String, String> leaf : leaves(type, prefix).entrySet()) {
				Setting bound = byProperty(settings, leaf.getKey());
				if (bound == null) {
					merge(settings, new Setting(environmentName(leaf.getKey()), leaf.getValue(), List.of(leaf.getKey()),
							type.getSimpleName()));
				}
				else {
					assertThat(bound.defaultValue())
						.as("%s: application*.yml against @DefaultValue of %s", bound.variable(), type.getSimpleName())
						.isEqualTo(leaf.getValue());
				}
			}
		}
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			for (Path java : files.filter((file) -> file.toString().endsWith(".java")).sorted().toList()) {
				String source = Files.readString(java);
				Matcher placeholder = JAVA_PLACEHOLDER.matcher(source);
				while (placeholder.find()) {
					Setting bound = byProperty(settings, placeholder.group(1));
					merge(settings,
							new Setting((bound != null) ? bound.variable() : environmentName(placeholder.group(1)),
									placeholder.group(2), List.of(placeholder.group(1)),
									java.getFileName().toString()));
				}
				if (java.startsWith(Path.of("src/main/java/dev/fanoutlab/lab"))) {
					Matcher read = LAUNCHER_READ.matcher(source);
					while (read.find()) {
						String variable = (read.group(1) != null) ? read.group(1) : read.group(3);
						String fallback = (read.group(1) != null) ? read.group(2) : "";
						if (!settings.containsKey(variable)) {
							settings.put(variable,
									new Setting(variable, fallback, List.of(), java.getFileName().toString()));
						}
					}
				}
			}
		}
		return settings;
	}

	/** Placeholders with the key path each sits under, from the indentation. */
	static List<Setting> yamlSettings(String yaml, String source) {
		List<Setting> settings = new ArrayList<>();
		List<String> path = new ArrayList<>();
		List<Integer> indents = new ArrayList<>();
		for (String line : yaml.lines().toList()) {
			Matcher key = Pattern.compile("^( *)([A-Za-z0-9._-]+):(.*)$").matcher(line);
			if (line.isBlank() || line.trim().startsWith("#") || !key.matches()) {
				continue;
			}
			int indent = key.group(1).length();
			while (!indents.isEmpty() && indents.getLast() >= indent) {
				indents.removeLast();
				path.removeLast();
			}
			indents.add(indent);
			path.add(key.group(2));
			Matcher placeholder = YAML_PLACEHOLDER.matcher(key.group(3));
			while (placeholder.find()) {
				settings.add(new Setting(placeholder.group(1), placeholder.group(2), List.of(String.join(".", path)),
						source));
			}
		}
		return settings;
	}

	private static Setting byProperty(Map<String, Setting> settings, String property) {
		return settings.values()
			.stream()
			.filter((setting) -> setting.properties().contains(property))
			.findFirst()
			.orElse(null);
	}

	private static void merge(Map<String, Setting> settings, Setting setting) {
		Setting known = settings.get(setting.variable());
		if (known == null) {
			settings.put(setting.variable(), setting);
			return;
		}
		assertThat(setting.defaultValue())
			.as("%s: default in %s against %s", setting.variable(), setting.source(), known.source())
			.isEqualTo(known.defaultValue());
		TreeSet<String> properties = new TreeSet<>(known.properties());
		properties.addAll(setting.properties());
		settings.put(setting.variable(), new Setting(setting.variable(), known.defaultValue(), List.copyOf(properties),
				known.source() + ", " + setting.source()));
	}

	/**
	 * Every leaf property of a properties record, with its {@code @DefaultValue} ("" if
	 * none).
	 */
	static Map<String, String> leaves(Class<?> type, String prefix) {
		Map<String, String> leaves = new LinkedHashMap<>();
		RecordComponent[] components = type.getRecordComponents();
		Parameter[] parameters = canonicalConstructor(type, components).getParameters();
		for (int i = 0; i < components.length; i++) {
			RecordComponent component = components[i];
			String name = prefix + "." + kebab(component.getName());
			if (component.getType().isRecord()) {
				leaves.putAll(leaves(component.getType(), name));
			}
			else {
				// @DefaultValue sits on the constructor's parameter, where the binder
				// reads it
				DefaultValue value = parameters[i].getAnnotation(DefaultValue.class);
				leaves.put(name, (value != null && value.value().length > 0) ? String.join(",", value.value()) : "");
			}
		}
		return leaves;
	}

	/**
	 * The variable Spring's relaxed binding reads for a property no placeholder names:
	 * dots to underscores, dashes removed ({@code lab.http.connect-timeout} →
	 * {@code LAB_HTTP_CONNECTTIMEOUT}).
	 */
	static String environmentName(String property) {
		return property.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT);
	}

	private static Constructor<?> canonicalConstructor(Class<?> type, RecordComponent[] components) {
		try {
			return type
				.getDeclaredConstructor(Stream.of(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String kebab(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	private static Class<?> classNamed(String name) {
		try {
			return Class.forName(name);
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
