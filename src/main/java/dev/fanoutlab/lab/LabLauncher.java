package dev.fanoutlab.lab;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.fanoutlab.Role;

/**
 * The {@code lab} role: embedded PostgreSQL (unless a database is configured), then the
 * simulator, then the three stacks, each in its own JVM. A shutdown hook stops them in
 * the reverse order on Ctrl-C or SIGTERM: the stacks (each finishing what it serves),
 * then the simulator they call, then the database.
 */
public final class LabLauncher {

	/**
	 * Longer than a role's own graceful shutdown (20 s per phase by default,
	 * LAB_SHUTDOWN_TIMEOUT), so that a write in progress reaches its verdict.
	 */
	private static final Duration STOP_GRACE = Duration.ofSeconds(25);

	private static final String LOGBACK_CONFIGURATION = "logback.configurationFile";

	private final LabSettings settings;

	private final ChildCommand command;

	private final RunningRoles roles = new RunningRoles();

	private final Path runFile;

	private EmbeddedDatabase embedded;

	LabLauncher(LabSettings settings, ChildCommand command, Path runFile) {
		this.settings = settings;
		this.command = command;
		this.runFile = runFile;
	}

	public static void run(String[] args) {
		if (System.getProperty(LOGBACK_CONFIGURATION) == null) {
			// the launcher's own logging: embedded PostgreSQL's chatter stays quiet
			System.setProperty(LOGBACK_CONFIGURATION, "dev/fanoutlab/lab/logback-lab.xml");
		}
		LabSettings settings;
		try {
			settings = LabSettings.from(System.getenv(), args);
		}
		catch (IllegalArgumentException ex) {
			say(ex.getMessage());
			System.exit(2);
			return;
		}
		LabLauncher lab = new LabLauncher(settings, ChildCommand.ofCurrentJvm(),
				RunFile.path(System.getenv(), settings));
		Runtime.getRuntime().addShutdownHook(new Thread(lab::stop, "lab-stop"));
		System.exit(lab.runUntilARoleExits());
	}

	/** Starts the lab and waits; returns the exit code the launcher should end with. */
	int runUntilARoleExits() {
		try {
			say(this.settings.childJvmOptionsNote());
			Database database = database();
			long deadline = System.nanoTime() + this.settings.startupTimeout().toNanos();
			ReadinessProbe probe = new ReadinessProbe();
			awaitReady(probe, List.of(startRole(Role.DOWNSTREAM, database)), deadline);
			List<RoleProcess> stacks = new ArrayList<>();
			for (Role stack : List.of(Role.REACTIVE, Role.BLOCKING, Role.VIRTUAL)) {
				stacks.add(startRole(stack, database));
			}
			awaitReady(probe, stacks, deadline);
			RunFile.write(this.runFile, RunFile.content(this.settings, database, this.command.java()));
			System.out.println(Banner.text(this.settings, database));
			say("settings for scripts that start one more role (bench/report.sh): " + this.runFile);
			HealthWatch watch = new HealthWatch(this.roles.snapshot(), this.roles);
			Thread.ofPlatform().daemon().name("lab-health-watch").start(watch);
			return watchUntilStopped(watch);
		}
		catch (LabFailure | IllegalStateException | UncheckedIOException ex) {
			if (!this.roles.isStopped()) {
				say("the lab could not start: " + ex.getMessage());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return 1;
	}

	/**
	 * Waits for the roles to exit. A role that is lost (it exited, or the health watch
	 * killed it) is announced loudly with the reason; the others keep running while the
	 * lab can still serve without it, and the lab ends with status 1 when stopped.
	 */
	private int watchUntilStopped(HealthWatch watch) {
		Collection<RoleProcess> lost = new LinkedHashSet<>();
		while (true) {
			RoleProcess exited = this.roles.awaitAnyExit(lost);
			if (this.roles.isStopped()) {
				return lost.isEmpty() ? 0 : 1;
			}
			lost.add(exited);
			String why = (watch.verdict(exited) != null) ? watch.verdict(exited)
					: exited.role().id() + " exited with code " + exited.process().exitValue();
			List<Role> running = this.roles.snapshot()
				.stream()
				.filter((role) -> !lost.contains(role))
				.map(RoleProcess::role)
				.toList();
			if (!canGoOnWithout(running)) {
				shout(why, "the lab cannot serve without it (" + running + " left): stopping the lab");
				return 1;
			}
			shout(why, running + " keep running; the lab is degraded until restarted and exits with status 1");
		}
	}

	/**
	 * Whether the lab still serves with only {@code running} up: the simulator and at
	 * least one stack. A stack is never stopped because another one failed.
	 */
	static boolean canGoOnWithout(Collection<Role> running) {
		return running.contains(Role.DOWNSTREAM)
				&& running.stream().anyMatch((role) -> role != Role.DOWNSTREAM && role != Role.LAB);
	}

	private static void shout(String what, String consequence) {
		String rule = "!".repeat(72);
		say(rule);
		say("LOST A ROLE: " + what);
		say(consequence);
		say(rule);
	}

	/** Synchronized with {@link #stop()}: a database that is starting is closed too. */
	private synchronized Database database() {
		Optional<Database> external = this.settings.externalDatabase();
		if (external.isPresent()) {
			say("using the configured database " + external.get().jdbcUrl());
			return external.get();
		}
		say("starting embedded PostgreSQL ...");
		this.embedded = EmbeddedDatabase.start(this.settings.embeddedDatabasePassword());
		say("embedded PostgreSQL is up at " + this.embedded.jdbcUrl());
		return Database.of(this.embedded, this.embedded.server());
	}

	private RoleProcess startRole(Role role, Database database) {
		int port = this.settings.port(role);
		Map<String, String> env = new HashMap<>(database.environment());
		env.put("LAB_DOWNSTREAM_URL", this.settings.downstreamUrl());
		env.put(LabSettings.portVariable(role), String.valueOf(port));
		List<String> jvmOptions = new ArrayList<>(this.settings.childJvmOptions());
		// the server a child stops if the launcher is killed too hard to stop it
		database.server()
			.ifPresent((server) -> jvmOptions.add("-D" + ParentWatch.DATABASE_PID_PROPERTY + "=" + server.pid()));
		List<String> commandLine = this.command.build(role, jvmOptions, ProcessHandle.current().pid(),
				this.settings.forwardedArgs());
		RoleProcess started = this.roles.add(() -> RoleProcess.start(role, port, commandLine, env));
		say("started " + role.id() + " (pid " + started.process().pid() + ") on port " + port);
		return started;
	}

	private void awaitReady(ReadinessProbe probe, List<RoleProcess> wanted, long deadline) throws InterruptedException {
		for (RoleProcess role : wanted) {
			Optional<String> failure = probe.awaitReady(role, this.roles.snapshot(), deadline);
			if (failure.isPresent()) {
				throw new LabFailure(failure.get());
			}
			say(role.role().id() + " is ready on port " + role.port());
		}
	}

	/**
	 * Stops the stacks, then the simulator, then the embedded database: nothing of the
	 * lab keeps running, and nothing a request in flight needs goes before it.
	 */
	synchronized void stop() {
		List<RoleProcess> stopping = this.roles.snapshot();
		if (!stopping.isEmpty()) {
			say("stopping " + RunningRoles.phases(stopping.reversed())
				.stream()
				.flatMap(List::stream)
				.map((role) -> role.role().id())
				.toList() + ((this.embedded != null) ? ", then the embedded database" : ""));
		}
		RunFile.delete(this.runFile);
		this.roles.stopAll(STOP_GRACE);
		if (this.embedded != null) {
			this.embedded.close();
			say("embedded PostgreSQL stopped");
		}
		say("the lab is stopped");
	}

	static void say(String message) {
		System.out.println(OutputPump.prefix(Role.LAB) + message);
	}

	/** The lab cannot go on: the message says why. */
	static final class LabFailure extends RuntimeException {

		LabFailure(String message) {
			super(message);
		}

	}

}
