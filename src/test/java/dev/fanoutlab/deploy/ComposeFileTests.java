package dev.fanoutlab.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container files say what the app and the lab really are: only settings the app
 * reads, pinned images, the same budget for the three stacks, and start-up order on
 * health.
 */
class ComposeFileTests {

	private static final List<String> STACKS = List.of("reactive", "blocking", "virtual");

	/**
	 * SPRING_* variables the lab may set, each with the property it binds to. Relaxed
	 * binding turns SPRING_A_B into spring.a.b (dashes dropped), so a typo binds to
	 * nothing without an error: every new one is added here after checking the property
	 * in the Boot reference.
	 */
	private static final Map<String, String> KNOWN_SPRING_VARIABLES = Map.of("SPRING_PROFILES_ACTIVE",
			"spring.profiles.active", "SPRING_MAIN_BANNER_MODE", "spring.main.banner-mode",
			"SPRING_OUTPUT_ANSI_ENABLED", "spring.output.ansi.enabled", "SPRING_THREADS_VIRTUAL_ENABLED",
			"spring.threads.virtual.enabled");

	private static final Pattern PINNED_IMAGE = Pattern
		.compile("[a-z0-9./-]+:(?<tag>[A-Za-z0-9._-]+)(@sha256:[0-9a-f]{64})?");

	private static final Pattern PINNED_FROM = Pattern
		.compile("FROM +[a-z0-9./-]+:(?<tag>[A-Za-z0-9._-]+)@sha256:[0-9a-f]{64}( +AS +[a-z-]+)?");

	private final Map<String, Map<String, Object>> services = services();

	@Test
	void setsOnlyVariablesTheAppReads() throws IOException {
		Set<String> appVariables = variablesTheAppReads();
		assertThat(appVariables).contains("LAB_DB_HOST", "LAB_DOWNSTREAM_URL");
		this.services.forEach((name, service) -> environment(service).keySet()
			.stream()
			.filter((variable) -> variable.startsWith("LAB_"))
			.forEach((variable) -> assertThat(appVariables).as("%s sets %s", name, variable).contains(variable)));
		this.services.forEach((name, service) -> environment(service).keySet()
			.stream()
			.filter((variable) -> variable.startsWith("SPRING_"))
			.forEach((variable) -> assertThat(KNOWN_SPRING_VARIABLES).as("%s sets %s", name, variable)
				.containsKey(variable)));
	}

	@Test
	void everyStackGetsTheDatabaseAndTheSimulator() {
		for (String stack : STACKS) {
			assertThat(environment(this.services.get(stack))).as(stack)
				.containsKeys("LAB_DB_HOST", "LAB_DB_PORT", "LAB_DB_NAME", "LAB_DB_USER", "LAB_DB_PASSWORD")
				.containsEntry("LAB_DOWNSTREAM_URL", "http://downstream:8090");
		}
	}

	@Test
	void everyImageIsPinned() {
		this.services.forEach((name, service) -> {
			String image = (String) service.get("image");
			assertThat(image).as(name).isNotNull();
			if (service.containsKey("build")) {
				assertThat(image).as(name).isEqualTo("fanout-lab:local");
				return;
			}
			Matcher matcher = PINNED_IMAGE.matcher(image);
			assertThat(matcher.matches()).as("%s: %s pinned by tag", name, image).isTrue();
			assertThat(matcher.group("tag")).as(name).isNotEqualTo("latest");
			assertThat(image).as("%s: digest", name).contains("@sha256:");
		});
	}

	@Test
	void theThreeStacksGetTheSameBudget() {
		Map<String, Object> first = this.services.get(STACKS.getFirst());
		assertThat(first).containsKeys("cpus", "mem_limit");
		String cpus = String.valueOf(first.get("cpus"));
		assertThat(javaOptions(first)).contains("-XX:ActiveProcessorCount=" + cpus);
		for (String stack : STACKS) {
			Map<String, Object> service = this.services.get(stack);
			assertThat(service.get("cpus")).as(stack).isEqualTo(first.get("cpus"));
			assertThat(service.get("mem_limit")).as(stack).isEqualTo(first.get("mem_limit"));
			assertThat(service.get("deploy")).as(stack).isEqualTo(first.get("deploy"));
			assertThat(javaOptions(service)).as(stack).isEqualTo(javaOptions(first));
		}
	}

	@Test
	void startsOnlyOnHealthyDependencies() {
		this.services.forEach((name, service) -> {
			Object dependsOn = service.get("depends_on");
			if (dependsOn == null) {
				return;
			}
			assertThat(dependsOn).as("%s: depends_on needs conditions", name).isInstanceOf(Map.class);
			map(dependsOn).forEach((dependency, condition) -> {
				assertThat(map(condition)).as("%s -> %s", name, dependency)
					.containsEntry("condition", "service_healthy");
				Map<String, Object> target = this.services.get(dependency);
				assertThat(target.containsKey("healthcheck") || target.containsKey("build"))
					.as("%s has a health check (its own or the Dockerfile's)", dependency)
					.isTrue();
			});
		});
	}

	@Test
	void dockerfilePinsItsBasesAndRunsAsNonRootWithAHealthCheck() throws IOException {
		List<String> lines = Files.readAllLines(Path.of("Dockerfile"));
		List<String> froms = lines.stream().filter((line) -> line.startsWith("FROM ")).toList();
		assertThat(froms).hasSize(2).allSatisfy((from) -> {
			Matcher matcher = PINNED_FROM.matcher(from);
			assertThat(matcher.matches()).as(from).isTrue();
			assertThat(matcher.group("tag")).isNotEqualTo("latest");
		});
		List<String> users = lines.stream().filter((line) -> line.startsWith("USER ")).toList();
		assertThat(users).isNotEmpty();
		assertThat(users.getLast()).matches("USER [1-9][0-9]*(:[0-9]+)?");
		assertThat(lines).anyMatch((line) -> line.startsWith("HEALTHCHECK "));
	}

	/**
	 * The ${LAB_...:default} placeholders of application*.yml and the LAB_ names the code
	 * reads itself (the launcher): what the app reads, not what a document says.
	 */
	private static Set<String> variablesTheAppReads() throws IOException {
		Set<String> names = new TreeSet<>();
		try (Stream<Path> files = Files.list(Path.of("src/main/resources"))) {
			for (Path file : files.filter((f) -> f.getFileName().toString().matches("application.*\\.ya?ml"))
				.toList()) {
				collect(Pattern.compile("\\$\\{((?:LAB|SPRING)_[A-Z0-9_]+):"), Files.readString(file), names);
			}
		}
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
				collect(Pattern.compile("\"(LAB_[A-Z0-9_]+)\""), Files.readString(file), names);
			}
		}
		return names;
	}

	private static void collect(Pattern pattern, String text, Set<String> names) {
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
	}

	private static Map<String, Map<String, Object>> services() {
		try {
			Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
			Map<String, Map<String, Object>> services = new LinkedHashMap<>();
			map(compose.get("services")).forEach((name, service) -> services.put(name, map(service)));
			return services;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Object> environment(Map<String, Object> service) {
		Object environment = service.get("environment");
		return (environment != null) ? map(environment) : Map.of();
	}

	private static String javaOptions(Map<String, Object> service) {
		return String.valueOf(environment(service).get("JAVA_TOOL_OPTIONS"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

}
