package dev.fanoutlab.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.fanoutlab.blocking.BlockingApplication;
import dev.fanoutlab.reactive.ReactiveApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole lab inside the test JVM, started once: the real simulator and the three
 * stacks, each a full Spring Boot application on a random port, over a real PostgreSQL
 * reached through a {@link TcpProxy} so that a test can take the database away. Spring
 * Boot's shutdown hooks close them all when the JVM exits.
 */
public final class LabCluster {

	/** Tomcat's request threads on the blocking stack in these tests. */
	public static final int REQUEST_THREADS = 100;

	/** The blocking fan-out pool by its rule: 3 x the request threads. */
	public static final int FANOUT_THREADS = 300;

	public static final int DB_POOL_SIZE = 10;

	/**
	 * Each downstream call's timeout here: wide, so that a busy machine never trips it by
	 * itself; tests that want a part past its timeout use {@link #PAST_THE_TIMEOUT_MS}.
	 */
	public static final int DOWNSTREAM_TIMEOUT_MS = 3000;

	/** A latency the timeout certainly cuts off. */
	public static final int PAST_THE_TIMEOUT_MS = 2 * DOWNSTREAM_TIMEOUT_MS;

	private static LabCluster instance;

	private final TcpProxy databaseProxy;

	private final Simulator simulator;

	private final Map<String, ConfigurableApplicationContext> stacks = new ConcurrentHashMap<>();

	private LabCluster(TcpProxy databaseProxy, Simulator simulator) {
		this.databaseProxy = databaseProxy;
		this.simulator = simulator;
	}

	/** The lab with all three stacks started (and the schema migrated). */
	public static synchronized LabCluster get() {
		LabCluster lab = instance();
		List.of("reactive", "blocking", "virtual").forEach(lab::context);
		return lab;
	}

	/** The lab with only {@code stack} started so far, for a JVM that needs no other. */
	public static synchronized LabCluster withStack(String stack) {
		LabCluster lab = instance();
		lab.context(stack);
		return lab;
	}

	private static LabCluster instance() {
		if (instance == null) {
			TestDatabase.Endpoint db = TestDatabase.get();
			instance = new LabCluster(new TcpProxy(db.host(), db.port()), Simulator.start("--lab.simulator.seed=42"));
		}
		return instance;
	}

	public Simulator simulator() {
		return this.simulator;
	}

	public String simulatorUrl() {
		return this.simulator.url();
	}

	public String url(String stack) {
		return "http://127.0.0.1:" + ((WebServerApplicationContext) context(stack)).getWebServer().getPort();
	}

	/** The running application of {@code stack}: reactive, blocking or virtual. */
	public synchronized ConfigurableApplicationContext context(String stack) {
		return this.stacks.computeIfAbsent(stack, (name) -> builder(name).run(args()));
	}

	public TcpProxy databaseProxy() {
		return this.databaseProxy;
	}

	private static SpringApplicationBuilder builder(String stack) {
		return switch (stack) {
			case "reactive" -> ReactiveApplication.builder();
			case "blocking" -> BlockingApplication.builder(false);
			case "virtual" -> BlockingApplication.builder(true);
			default -> throw new IllegalArgumentException("no stack " + stack);
		};
	}

	private String[] args() {
		TestDatabase.Endpoint db = TestDatabase.get();
		return List
			.of("--server.port=0", "--lab.db.host=127.0.0.1", "--lab.db.port=" + this.databaseProxy.port(),
					"--lab.db.name=" + db.name(), "--lab.db.user=" + db.user(), "--lab.db.password=" + db.password(),
					"--lab.db.pool-size=" + DB_POOL_SIZE, "--lab.downstream.url=" + this.simulator.url(),
					"--server.tomcat.threads.max=" + REQUEST_THREADS, "--lab.pitfalls.enabled=true",
					"--lab.downstream.timeout=" + DOWNSTREAM_TIMEOUT_MS + "ms",
					// the database may be slow on a busy machine: only a database that is
					// down
					// answers 503 here
					"--lab.overview.deadline=10s", "--spring.r2dbc.pool.max-acquire-time=10s",
					"--spring.r2dbc.pool.max-create-connection-time=10s",
					"--spring.r2dbc.url=r2dbc:postgresql://127.0.0.1:" + this.databaseProxy.port() + "/" + db.name()
							+ "?connectTimeout=PT10S",
					"--spring.datasource.hikari.connection-timeout=10000")
			.toArray(String[]::new);
	}

}
