package dev.fanoutlab.downstream;

import java.util.Optional;

import org.springframework.http.HttpMethod;

/**
 * The simulated services, with the method each answers and its latency under
 * {@code fast}.
 */
enum Service {

	RECOMMENDATIONS("recommendations", HttpMethod.GET, 120),

	LOYALTY("loyalty", HttpMethod.GET, 60),

	SHIPPING("shipping", HttpMethod.GET, 80),

	ECHO("echo", HttpMethod.GET, 100),

	PAYMENTS("payments", HttpMethod.POST, 50);

	private final String id;

	private final HttpMethod method;

	private final long fastLatencyMs;

	Service(String id, HttpMethod method, long fastLatencyMs) {
		this.id = id;
		this.method = method;
		this.fastLatencyMs = fastLatencyMs;
	}

	String id() {
		return this.id;
	}

	HttpMethod method() {
		return this.method;
	}

	long fastLatencyMs() {
		return this.fastLatencyMs;
	}

	static Optional<Service> find(String id) {
		for (Service service : values()) {
			if (service.id.equals(id)) {
				return Optional.of(service);
			}
		}
		return Optional.empty();
	}

}
