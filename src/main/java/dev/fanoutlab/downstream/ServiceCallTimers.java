package dev.fanoutlab.downstream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * {@code http.server.requests} for the service route, with the tags WebFlux gives its own
 * requests (the dashboards read both alike). Each timer is built once per method and
 * status, then reused (by method, then an array indexed by status: no key built per
 * call): looking a meter up on every call costs more than recording it.
 */
@Component
class ServiceCallTimers {

	static final String URI = "/services/{service}/{key}";

	private final MeterRegistry registry;

	private final Map<String, AtomicReferenceArray<Timer>> timers = new ConcurrentHashMap<>();

	ServiceCallTimers(MeterRegistry registry) {
		this.registry = registry;
	}

	/** {@code status} 0: the caller went away before the answer. */
	void record(String method, int status, long nanos) {
		AtomicReferenceArray<Timer> byStatus = this.timers.computeIfAbsent(method,
				(key) -> new AtomicReferenceArray<>(600));
		Timer timer = byStatus.get(status);
		if (timer == null) {
			// Micrometer returns the meter already registered under the same tags: a race
			// is harmless
			timer = timer(method, status);
			byStatus.set(status, timer);
		}
		timer.record(nanos, TimeUnit.NANOSECONDS);
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
