package dev.fanoutlab;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

import dev.fanoutlab.blocking.BlockingApplication;
import dev.fanoutlab.downstream.DownstreamApplication;
import dev.fanoutlab.lab.LabLauncher;
import dev.fanoutlab.reactive.ReactiveApplication;

/**
 * The roles one jar can play, with the port each listens on by default.
 */
public enum Role {

	DOWNSTREAM("downstream", 8090, "simulator of slow downstream services (Reactor Netty, timers)",
			DownstreamApplication::run),

	REACTIVE("reactive", 8081, "Spring WebFlux on Reactor Netty, WebClient, R2DBC", ReactiveApplication::run),

	BLOCKING("blocking", 8082, "Spring Web MVC on Tomcat platform threads, RestClient, JDBC",
			(args) -> BlockingApplication.run(false, args)),

	VIRTUAL("virtual", 8083, "the blocking code on virtual threads", (args) -> BlockingApplication.run(true, args)),

	LAB("lab", 0, "everything: embedded PostgreSQL, then every role above in its own JVM", LabLauncher::run);

	private final String id;

	private final int defaultPort;

	private final String description;

	private final Consumer<String[]> starter;

	Role(String id, int defaultPort, String description, Consumer<String[]> starter) {
		this.id = id;
		this.defaultPort = defaultPort;
		this.description = description;
		this.starter = starter;
	}

	public String id() {
		return this.id;
	}

	public int defaultPort() {
		return this.defaultPort;
	}

	public String description() {
		return this.description;
	}

	void start(String[] args) {
		this.starter.accept(args);
	}

	public static Optional<Role> find(String id) {
		return Arrays.stream(values()).filter((role) -> role.id.equals(id)).findFirst();
	}

}
