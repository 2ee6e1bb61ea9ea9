package dev.fanoutlab.downstream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * {@code http.server.requests} for the service route, with the tags WebFlux gives its own
 * requests (the dashboards read both alike). Each timer is built once per method and
 * status, then reused: looking a meter up on every call costs more than recording it.
 */
@Component
class ServiceCallTimers {

	static final String URI = "/services/{service}/{key}";

	private final MeterRegistry registry;

	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	ServiceCallTimers(MeterRegistry registry) {
		this.registry = registry;
	}

	/** {@code status} 0: the caller went away before the answer. */
	void record(String method, int status, long nanos) {
		this.timers.computeIfAbsent(method + status, (key) -> timer(method, status))
			.record(nanos, TimeUnit.NANOSECONDS);
	}

	private Timer timer(String method, int status) {
		return Timer.builder("http.server.requests")
			.tag("uri", URI)
			.tag("method", method)
			.tag("status", (status == 0) ? "UNKNOWN" : String.valueOf(status))
			.tag("outcome", outcome(status))
			.tag("exception", "none")
			.tag("error", "none")
			.register(this.registry);
	}

	private static String outcome(int status) {
		return switch (status / 100) {
			case 2 -> "SUCCESS";
			case 4 -> "CLIENT_ERROR";
			case 5 -> "SERVER_ERROR";
			default -> "UNKNOWN";
		};
	}

}
