package dev.fanoutlab.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The admission meters, the same on every stack: {@code lab.admission.limit} (requests
 * admitted at once) and {@code lab.admission.rejected} (requests refused with 503). The
 * admitted requests in progress are {@code lab.requests.inflight}.
 */
public class AdmissionMeters {

	private final Counter rejected;

	public AdmissionMeters(MeterRegistry registry, int limit) {
		Gauge.builder("lab.admission.limit", () -> limit)
			.description("API requests a stack admits at once")
			.register(registry);
		this.rejected = Counter.builder("lab.admission.rejected")
			.description("API requests refused with 503 because the admission limit was reached")
			.register(registry);
	}

	public void rejected() {
		this.rejected.increment();
	}

}
