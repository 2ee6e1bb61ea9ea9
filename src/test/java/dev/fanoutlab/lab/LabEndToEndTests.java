package dev.fanoutlab.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.fanoutlab.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The {@code lab} role as a user runs it: one process from the test class path, four
 * roles in their own JVMs on free ports, embedded PostgreSQL; then SIGTERM, after which
 * nothing of the lab is left running or listening.
 */
class LabEndToEndTests {

	/**
	 * How long four JVMs may take to be ready: only a bound on waiting, the test goes on
	 * as soon as the banner shows. A 2-core machine under another load needed more than 4
	 * minutes.
	 */
	private static final Duration STARTUP = Duration.ofMinutes(10);

	private static final Pattern DATABASE_PORT = Pattern.compile("jdbc:postgresql://127\\.0\\.0\\.1:(\\d+)/");

	private final List<String> output = new CopyOnWriteArrayList<>();

	private Process lab;

	private Thread outputReader;

	@TempDir
	private Path runFileDir;

	@Test
	@Timeout(value = 15, unit = TimeUnit.MINUTES)
	void startsEveryRoleAndLeavesNothingBehindWhenStopped() throws Exception {
		Map<Role, Integer> ports = freePorts();
		this.lab = startLab(ports);

		String banner = awaitBanner();
		int databasePort = databasePort(banner);
		assertThat(runFile()).as("run file for bench/report.sh")
			.content()
			.contains("LAB_DB_PORT='" + databasePort + "'",
					"LAB_DOWNSTREAM_URL='http://127.0.0.1:" + ports.get(Role.DOWNSTREAM) + "'");
		for (int port : ports.values()) {
			assertThat(healthStatus(port)).as("health of port %d", port).isEqualTo(200);
		}
		List<ProcessHandle> descendants = this.lab.descendants().toList();
		assertThat(descendants).as("one JVM per role").hasSizeGreaterThanOrEqualTo(4);

		this.lab.toHandle().destroy(); // SIGTERM, and unlike Process.destroy() it keeps
										// the pipe open

		assertThat(this.lab.waitFor(2, TimeUnit.MINUTES)).as("launcher exits").isTrue();
		for (ProcessHandle descendant : descendants) {
			descendant.onExit().get(1, TimeUnit.MINUTES);
			assertThat(descendant.isAlive()).as("process %d", descendant.pid()).isFalse();
		}
		List<Integer> labPorts = new ArrayList<>(ports.values());
		labPorts.add(databasePort);
		for (int port : labPorts) {
			assertThat(accepts(port)).as("port %d still accepts connections", port).isFalse();
		}
		this.outputReader.join(TimeUnit.SECONDS.toMillis(30));
		assertThat(this.output).contains("[lab       ] embedded PostgreSQL stopped", "[lab       ] the lab is stopped");
		assertThat(runFile()).as("run file removed").doesNotExist();
	}

	private Path runFile() {
		return this.runFileDir.resolve("lab.env");
	}

	@AfterEach
	void killWhatIsLeft() {
		this.output.forEach(System.out::println); // in target/surefire-reports, to read
													// after a failure
		if (this.lab != null && this.lab.isAlive()) {
			this.lab.descendants().forEach(ProcessHandle::destroyForcibly);
			this.lab.destroyForcibly();
		}
	}

	private Process startLab(Map<Role, Integer> ports) throws IOException {
		ChildCommand command = new ChildCommand(ProcessHandle.current().info().command().orElseThrow(),
				ChildCommand.launchOf(System.getProperty("java.class.path")));
		ProcessBuilder builder = new ProcessBuilder(
				command.build(Role.LAB, List.of("-Xmx128m"), ProcessHandle.current().pid(), List.of()));
		builder.environment().keySet().removeIf((name) -> name.startsWith("LAB_"));
		ports.forEach((role, port) -> builder.environment().put(LabSettings.portVariable(role), String.valueOf(port)));
		builder.environment().put("LAB_CHILD_JAVA_OPTS", "-Xms64m -Xmx256m");
		builder.environment().put("LAB_RUN_FILE", runFile().toString());
		builder.environment().put("LAB_STARTUP_TIMEOUT", String.valueOf(STARTUP.toSeconds() - 20));
		builder.redirectErrorStream(true);
		Process process = builder.start();
		this.outputReader = new Thread(() -> collect(process), "lab-output");
		this.outputReader.setDaemon(true);
		this.outputReader.start();
		return process;
	}

	private void collect(Process process) {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				this.output.add(line);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String awaitBanner() throws InterruptedException {
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (System.nanoTime() < deadline) {
			if (this.output.stream().anyMatch((line) -> line.contains("Ctrl-C stops everything"))) {
				return String.join("\n", this.output);
			}
			if (this.lab.waitFor(1, TimeUnit.SECONDS)) {
				fail("the lab exited with " + this.lab.exitValue() + ":\n" + tail());
			}
		}
		return fail("no banner within " + STARTUP + ":\n" + tail());
	}

	private String tail() {
		List<String> lines = List.copyOf(this.output);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
	}

	private static int databasePort(String banner) {
		Matcher matcher = DATABASE_PORT.matcher(banner.substring(banner.indexOf(Banner.DATABASE_LINE_PREFIX)));
		assertThat(matcher.find()).as("JDBC URL in the banner").isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	private static int healthStatus(int port) throws IOException, InterruptedException {
		try (HttpClient client = HttpClient.newHttpClient()) {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
				.timeout(Duration.ofSeconds(30))
				.build();
			return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static Map<Role, Integer> freePorts() throws IOException {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			Map<Role, Integer> ports = new EnumMap<>(Role.class);
			for (Role role : LabSettings.CHILDREN) {
				ServerSocket socket = new ServerSocket(0);
				sockets.add(socket);
				ports.put(role, socket.getLocalPort());
			}
			return ports;
		}
		finally {
			for (ServerSocket socket : sockets) {
				socket.close();
			}
		}
	}

}
