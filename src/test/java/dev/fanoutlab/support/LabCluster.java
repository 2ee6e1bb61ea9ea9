package dev.fanoutlab.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.fanoutlab.blocking.BlockingApplication;
import dev.fanoutlab.downstream.DownstreamApplication;
import dev.fanoutlab.reactive.ReactiveApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole lab inside the test JVM, started once: the real simulator and the three
 * stacks, each a full Spring Boot application on a random port, over a real PostgreSQL
 * reached through a {@link TcpProxy} so that a test can take the database away.
 */
public final class LabCluster {

	/** The fan-out executor of the blocking stack in these tests. */
	/** Tomcat's request threads on the blocking stack. */
	public static final int REQUEST_THREADS = 100;

	/** The blocking fan-out pool by its rule: 2 x the request threads. */
	public static final int FANOUT_THREADS = 200;

	public static final int DB_POOL_SIZE = 10;

	private static LabCluster instance;

	private final TcpProxy databaseProxy;

	private final String simulatorUrl;

	private final Map<String, String> stackUrls;

	private LabCluster(TcpProxy databaseProxy, String simulatorUrl, Map<String, String> stackUrls) {
		this.databaseProxy = databaseProxy;
		this.simulatorUrl = simulatorUrl;
		this.stackUrls = stackUrls;
	}

	public static synchronized LabCluster get() {
		if (instance == null) {
			instance = start();
		}
		return instance;
	}

	public String simulatorUrl() {
		return this.simulatorUrl;
	}

	public String url(String stack) {
		return this.stackUrls.get(stack);
	}

	public TcpProxy databaseProxy() {
		return this.databaseProxy;
	}

	private static LabCluster start() {
		TestDatabase.Endpoint db = TestDatabase.get();
		TcpProxy proxy = new TcpProxy(db.host(), db.port());
		ConfigurableApplicationContext simulator = DownstreamApplication.builder()
			.run("--server.port=0", "--lab.simulator.seed=42");
		String simulatorUrl = "http://127.0.0.1:" + port(simulator);
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--lab.db.host=127.0.0.1",
				"--lab.db.port=" + proxy.port(), "--lab.db.name=" + db.name(), "--lab.db.user=" + db.user(),
				"--lab.db.password=" + db.password(), "--lab.db.pool-size=" + DB_POOL_SIZE,
				"--lab.downstream.url=" + simulatorUrl, "--server.tomcat.threads.max=" + REQUEST_THREADS,
				"--lab.pitfalls.enabled=true"));
		Map<String, String> urls = Map.of("reactive", url(ReactiveApplication.builder(), args), "blocking",
				url(BlockingApplication.builder(false), args), "virtual", url(BlockingApplication.builder(true), args));
		return new LabCluster(proxy, simulatorUrl, urls);
	}

	private static String url(SpringApplicationBuilder builder, List<String> args) {
		return "http://127.0.0.1:" + port(builder.run(args.toArray(String[]::new)));
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
