package dev.fanoutlab.reactive;

import java.util.concurrent.atomic.AtomicInteger;

import dev.fanoutlab.api.AdmissionPaths;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The {@code lab.requests.inflight} gauge: API requests between arrival and completion.
 */
@Component
class InflightRequestsFilter implements WebFilter {

	private final AtomicInteger inflight = new AtomicInteger();

	InflightRequestsFilter(MeterRegistry registry) {
		Gauge.builder("lab.requests.inflight", this.inflight, AtomicInteger::get)
			.description("API requests in progress")
			.register(registry);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (AdmissionPaths.isExempt(exchange.getRequest().getPath())) {
			return chain.filter(exchange);
		}
		return Mono.defer(() -> {
			this.inflight.incrementAndGet();
			// doFinally also runs when the client goes away (cancel)
			return chain.filter(exchange).doFinally((signal) -> this.inflight.decrementAndGet());
		});
	}

}
