package dev.fanoutlab.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.fanoutlab.Role;

/**
 * The {@code lab} role: embedded PostgreSQL (unless a database is configured), then the
 * simulator, then the three stacks, each in its own JVM. A shutdown hook stops them all
 * on Ctrl-C or SIGTERM, and the database last.
 */
public final class LabLauncher {

	private static final Duration STOP_GRACE = Duration.ofSeconds(10);

	private static final String LOGBACK_CONFIGURATION = "logback.configurationFile";

	private static final String PREFIX = OutputPump.prefix(Role.LAB);

	private final LabSettings settings;

	private final ChildCommand command;

	private final List<RoleProcess> children = new ArrayList<>();

	private EmbeddedDatabase embedded;

	private Optional<ProcessHandle> databaseServer = Optional.empty();

	private boolean stopping;

	LabLauncher(LabSettings settings, ChildCommand command) {
		this.settings = settings;
		this.command = command;
	}

	public static void run(String[] args) {
		if (System.getProperty(LOGBACK_CONFIGURATION) == null) {
			System.setProperty(LOGBACK_CONFIGURATION, "dev/fanoutlab/lab/logback-lab.xml");
		}
		LabLauncher lab = new LabLauncher(LabSettings.from(System.getenv(), args), ChildCommand.ofCurrentJvm());
		Runtime.getRuntime().addShutdownHook(new Thread(lab::stop, "lab-stop"));
		System.exit(lab.runUntilAChildExits());
	}

	/** Starts the lab and waits; returns the exit code the launcher should end with. */
	int runUntilAChildExits() {
		try {
			Database database = database();
			long deadline = System.nanoTime() + this.settings.startupTimeout().toNanos();
			ReadinessProbe probe = new ReadinessProbe();
			awaitReady(probe, List.of(startChild(Role.DOWNSTREAM, database)), deadline);
			List<RoleProcess> stacks = new ArrayList<>();
			for (Role stack : List.of(Role.REACTIVE, Role.BLOCKING, Role.VIRTUAL)) {
				stacks.add(startChild(stack, database));
			}
			awaitReady(probe, stacks, deadline);
			System.out.println(Banner.text(this.settings, database));
			RoleProcess exited = awaitAnyExit();
			if (isStopping()) {
				return 0;
			}
			say(exited.role().id() + " exited with code " + exited.process().exitValue() + ": stopping the lab");
		}
		catch (LabFailure | IllegalStateException | java.io.UncheckedIOException ex) {
			if (!isStopping()) {
				say("the lab could not start: " + ex.getMessage());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return 1;
	}

	private synchronized Database database() {
		Optional<Database> external = this.settings.externalDatabase();
		if (external.isPresent()) {
			say("using the configured database " + external.get().jdbcUrl());
			return external.get();
		}
		say("starting embedded PostgreSQL ...");
		this.embedded = EmbeddedDatabase.start();
		this.databaseServer = this.embedded.server();
		say("embedded PostgreSQL is up at " + this.embedded.jdbcUrl());
		return Database.of(this.embedded);
	}

	private synchronized RoleProcess startChild(Role role, Database database) {
		if (this.stopping) {
			throw new LabFailure("stopping");
		}
		int port = this.settings.port(role);
		Map<String, String> env = new HashMap<>(database.environment());
		env.put("LAB_DOWNSTREAM_URL", this.settings.downstreamUrl());
		env.put(LabSettings.portVariable(role), String.valueOf(port));
		List<String> commandLine = this.command.build(role, jvmOptions(), ProcessHandle.current().pid(),
				this.settings.forwardedArgs());
		RoleProcess child = RoleProcess.start(role, port, commandLine, env);
		this.children.add(child);
		say("started " + role.id() + " (pid " + child.process().pid() + ") on port " + port);
		return child;
	}

	/**
	 * The fixed heap, and the database server a child stops if the launcher dies hard.
	 */
	private List<String> jvmOptions() {
		List<String> options = new ArrayList<>(this.settings.childJvmOptions());
		this.databaseServer
			.ifPresent((server) -> options.add("-D" + ParentWatch.DATABASE_PID_PROPERTY + "=" + server.pid()));
		return options;
	}

	private void awaitReady(ReadinessProbe probe, List<RoleProcess> wanted, long deadline) throws InterruptedException {
		for (RoleProcess child : wanted) {
			Optional<String> failure = probe.awaitReady(child, snapshot(), deadline);
			if (failure.isPresent()) {
				throw new LabFailure(failure.get());
			}
			say(child.role().id() + " is ready on port " + child.port());
		}
	}

	private RoleProcess awaitAnyExit() {
		List<RoleProcess> running = snapshot();
		CompletableFuture<?>[] exits = running.stream()
			.map((child) -> child.process().onExit())
			.toArray(CompletableFuture[]::new);
		Process exited = (Process) CompletableFuture.anyOf(exits).join();
		return running.stream().filter((child) -> child.process() == exited).findFirst().orElseThrow();
	}

	/** Stops every child (newest first, all at once), then the embedded database. */
	void stop() {
		List<RoleProcess> running;
		EmbeddedDatabase database;
		synchronized (this) {
			this.stopping = true;
			running = List.copyOf(this.children).reversed();
			database = this.embedded;
		}
		if (!running.isEmpty()) {
			say("stopping " + running.stream().map((child) -> child.role().id()).toList());
		}
		running.forEach(RoleProcess::requestStop);
		long deadline = System.nanoTime() + STOP_GRACE.toNanos();
		try {
			for (RoleProcess child : running) {
				child.awaitStop(deadline);
			}
		}
		catch (InterruptedException ex) {
			running.forEach((child) -> child.process().destroyForcibly());
			Thread.currentThread().interrupt();
		}
		if (database != null) {
			database.close();
			say("embedded PostgreSQL stopped");
		}
		say("the lab is stopped");
	}

	private synchronized boolean isStopping() {
		return this.stopping;
	}

	private synchronized List<RoleProcess> snapshot() {
		return List.copyOf(this.children);
	}

	private static void say(String message) {
		System.out.println(PREFIX + message);
	}

	/** The lab cannot go on: the message says why. */
	static final class LabFailure extends RuntimeException {

		LabFailure(String message) {
			super(message);
		}

	}

}
