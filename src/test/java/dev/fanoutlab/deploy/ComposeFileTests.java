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

	/** An image chosen by a variable, the pinned public image as its default. */
	private static final Pattern IMAGE_VARIABLE = Pattern.compile("\\$\\{LAB_[A-Z0-9_]+_IMAGE:-(?<image>[^}]+)}");

	/** A base image build argument of the Dockerfile, with its pinned default. */
	private static final Pattern PINNED_IMAGE_ARG = Pattern
		.compile("ARG +LAB_[A-Z_]+_IMAGE=[a-z0-9./-]+:(?<tag>[A-Za-z0-9._-]+)@sha256:[0-9a-f]{64}");

	private static final Pattern FROM = Pattern.compile("FROM +(?<base>\\S+)( +AS +(?<stage>[a-z-]+))?");

	private static final List<String> APP_SERVICES = List.of("downstream", "reactive", "blocking", "virtual");

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
			Matcher variable = IMAGE_VARIABLE.matcher(image);
			assertThat(variable.matches()).as("%s: %s is ${LAB_..._IMAGE:-pinned default}", name, image).isTrue();
			image = variable.group("image");
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
		List<String> imageArgs = lines.stream().filter((line) -> line.matches("ARG +LAB_[A-Z_]+_IMAGE=.*")).toList();
		assertThat(imageArgs).hasSize(2).allSatisfy((arg) -> {
			Matcher matcher = PINNED_IMAGE_ARG.matcher(arg);
			assertThat(matcher.matches()).as(arg).isTrue();
			assertThat(matcher.group("tag")).isNotEqualTo("latest");
		});
		List<String> stages = new java.util.ArrayList<>();
		for (String from : lines.stream().filter((line) -> line.startsWith("FROM ")).toList()) {
			Matcher matcher = FROM.matcher(from);
			assertThat(matcher.matches()).as(from).isTrue();
			String base = matcher.group("base");
			boolean imageArgument = base.matches("\\$\\{LAB_(BUILD|RUNTIME)_IMAGE}");
			boolean earlierStage = stages.stream()
				.anyMatch((stage) -> base.equals(stage)
						|| base.equals("jar-${LAB_JAR_FROM}") && stage.startsWith("jar-"));
			assertThat(imageArgument || earlierStage).as("%s: a base image argument or an earlier stage", from)
				.isTrue();
			if (matcher.group("stage") != null) {
				stages.add(matcher.group("stage"));
			}
		}
		assertThat(stages).contains("jar-maven", "jar-prebuilt");
		List<String> users = lines.stream().filter((line) -> line.startsWith("USER ")).toList();
		assertThat(users).isNotEmpty();
		assertThat(users.getLast()).matches("USER [1-9][0-9]*(:[0-9]+)?");
		assertThat(lines).anyMatch((line) -> line.startsWith("HEALTHCHECK "));
	}

	/**
	 * GC and heap stated explicitly, the same in compose (every role), in the image (its
	 * default, which the AOT training runs with) and in the measured lab (the options the
	 * bench scripts give every role).
	 */
	@Test
	void everyRoleRunsWithTheSameExplicitJvmOptionsAsTheImageAndTheLauncher() throws Exception {
		String compose = javaOptions(this.services.get("reactive"));
		for (String role : APP_SERVICES) {
			assertThat(javaOptions(this.services.get(role))).as(role).isEqualTo(compose);
		}
		assertThat(compose).containsPattern("-XX:\\+Use[A-Za-z0-9]+GC").contains("-Xms").contains("-Xmx");
		String image = Files.readAllLines(Path.of("Dockerfile"))
			.stream()
			.filter((line) -> line.startsWith("ENV JAVA_TOOL_OPTIONS="))
			.map((line) -> line.substring("ENV JAVA_TOOL_OPTIONS=".length()).replace("\"", ""))
			.findFirst()
			.orElseThrow();
		assertThat(image).as("Dockerfile ENV JAVA_TOOL_OPTIONS").isEqualTo(compose);
		assertThat(Files.readString(Path.of("docker/app/train-aot.sh"))).doesNotContain("-Xm")
			.doesNotContain("-XX:+Use");
		var launcherDefault = Class.forName("dev.fanoutlab.lab.RoleHeap").getDeclaredField("MEASURED_JAVA_OPTS");
		launcherDefault.setAccessible(true);
		for (String option : ((String) launcherDefault.get(null)).trim().split("\\s+")) {
			assertThat(List.of(compose.split("\\s+"))).as("lab launcher option %s", option).contains(option);
		}
	}

	/**
	 * Every role listens on all interfaces inside the compose network, restarts when its
	 * first start loses the race with the database, and gets longer to stop than its
	 * graceful shutdown takes (application.yml's timeout-per-shutdown-phase).
	 */
	@Test
	void rolesListenInTheNetworkRestartOnFailureAndStopGracefully() throws IOException {
		Matcher shutdown = Pattern.compile("timeout-per-shutdown-phase: *\\$\\{[A-Z_]+:(\\d+)s}")
			.matcher(Files.readString(Path.of("src/main/resources/application.yml")));
		long shutdownSeconds = shutdown.find() ? Long.parseLong(shutdown.group(1)) : 30;
		for (String role : APP_SERVICES) {
			Map<String, Object> service = this.services.get(role);
			assertThat(environment(service)).as(role).containsEntry("LAB_BIND_ADDRESS", "0.0.0.0");
			assertThat(service).as(role).containsEntry("restart", "on-failure");
			assertThat(seconds(service.get("stop_grace_period"))).as(role).isGreaterThan(shutdownSeconds + 10);
		}
		this.services.forEach((name, service) -> assertThat(service).as(name).containsKey("stop_grace_period"));
		assertThat(String.valueOf(map(this.services.get("postgres").get("healthcheck")).get("test")))
			.contains("pg_isready -h 127.0.0.1");
	}

	@Test
	void publishesPortsOnLoopbackOnly() {
		this.services.forEach((name, service) -> {
			Object ports = service.get("ports");
			if (ports != null) {
				assertThat((List<?>) ports).as(name)
					.allSatisfy((port) -> assertThat(String.valueOf(port)).startsWith("127.0.0.1:"));
			}
		});
	}

	/**
	 * k6: one variable picks the script, results/ is writable whoever owns it on the
	 * host, GOMEMLIMIT sits under the memory limit, and the system tags leave out `url`.
	 */
	@Test
	void k6RunsAnyScriptWritesResultsAndKeepsItsMemoryAndSeriesBounded() throws IOException {
		Map<String, Object> k6 = this.services.get("k6");
		assertThat(k6.get("entrypoint")).isEqualTo(List.of("/bin/sh", "/scripts/run.sh"));
		assertThat(k6.get("command")).isEqualTo(List.of("${SCRIPT:-compare}"));
		assertThat(k6).containsEntry("user", "0:0");
		assertThat(String.valueOf(k6.get("volumes"))).contains("./results:/results");
		assertThat(environment(k6)).containsEntry("RESULTS_DIR", "/results");
		long limit = bytes(String.valueOf(k6.get("mem_limit")));
		long goLimit = bytes(String.valueOf(environment(k6).get("GOMEMLIMIT")));
		assertThat(goLimit).isPositive().isLessThan(limit);
		String run = Files.readString(Path.of("k6/run.sh"));
		Matcher tags = Pattern.compile("K6_SYSTEM_TAGS:-([a-z_,]+)").matcher(run);
		assertThat(tags.find()).isTrue();
		assertThat(List.of(tags.group(1).split(","))).contains("name", "status", "scenario")
			.doesNotContain("url", "vu", "iter", "ip");
	}

	private static long seconds(Object duration) {
		Matcher matcher = Pattern.compile("(\\d+)s").matcher(String.valueOf(duration));
		assertThat(matcher.matches()).as("duration %s in seconds", duration).isTrue();
		return Long.parseLong(matcher.group(1));
	}

	private static long bytes(String size) {
		Matcher matcher = Pattern.compile("(\\d+)(g|MiB|m)").matcher(size);
		assertThat(matcher.matches()).as("size %s", size).isTrue();
		long value = Long.parseLong(matcher.group(1));
		return switch (matcher.group(2)) {
			case "g" -> value << 30;
			default -> value << 20;
		};
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
