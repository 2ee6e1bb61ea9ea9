package dev.fanoutlab.api;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every {@code lab.*} setting the stacks share. Each is also an environment variable
 * ({@code LAB_DB_HOST}, {@code LAB_DOWNSTREAM_URL}, ...), see {@code application.yml}.
 */
@ConfigurationProperties("lab")
public record LabProperties(@DefaultValue Db db, @DefaultValue Downstream downstream, @DefaultValue Overview overview,
		@DefaultValue Http http, @DefaultValue Fanout fanout, @DefaultValue Pitfalls pitfalls,
		@DefaultValue Admission admission) {

	/** The one database every role uses; the pool size is the same on every stack. */
	public record Db(@DefaultValue("localhost") String host, @DefaultValue("5432") int port,
			@DefaultValue("fanoutlab") String name, @DefaultValue("fanoutlab") String user,
			@DefaultValue("fanoutlab") String password, @DefaultValue("20") int poolSize) {
	}

	/** Where the simulator is, and how long any one call to it may take. */
	public record Downstream(@DefaultValue("http://localhost:8090") String url, @DefaultValue("1s") Duration timeout) {
	}

	/** The overview's own deadline, over all of its parts. */
	public record Overview(@DefaultValue("3s") Duration deadline, @DefaultValue("5") int ordersLimit) {
	}

	/**
	 * HTTP connections to the simulator: the same limit on every stack; 0 = sized by
	 * {@link HttpConnectionRule}.
	 */
	public record Http(@DefaultValue("0") int maxConnections, @DefaultValue("2s") Duration connectTimeout,
			@DefaultValue("5s") Duration pendingAcquireTimeout) {
	}

	/**
	 * The blocking stack's bounded executor for fan-out calls (platform threads);
	 * {@code threads} unset = sized by its rule from Tomcat's threads.
	 */
	public record Fanout(Integer threads, @DefaultValue("10000") int queueCapacity) {
	}

	/**
	 * Requests a stack admits at once; past it, {@code 503} + {@code Retry-After} at
	 * once. 0 = derived by the mode's rule ({@link AdmissionLimit}). The HTTP connection
	 * limit is sized from it ({@link HttpConnectionRule}).
	 */
	public record Admission(@DefaultValue("0") int maxConcurrent, @DefaultValue("queue") AdmissionLimit.Mode mode) {
	}

	/** The deliberately wrong endpoints; off unless asked for. */
	public record Pitfalls(@DefaultValue("false") boolean enabled) {
	}

}
