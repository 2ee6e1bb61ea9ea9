package dev.fanoutlab.reactive;

import java.time.Duration;

import dev.fanoutlab.api.AdmissionLimit;
import dev.fanoutlab.api.AdmissionMeters;
import dev.fanoutlab.api.AdmissionPaths;
import dev.fanoutlab.api.LabProperties;
import dev.fanoutlab.api.Problems;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Admits at most {@link #limit()} API requests at once ({@link AdmissionLimit}); the next
 * one is answered {@code 503} + {@code Retry-After} at once. A Resilience4j bulkhead with
 * no wait: its permit is a non-blocking {@code tryAcquire} (an event loop must never
 * park) and its Reactor operator gives the permit back on completion, error and cancel (a
 * client that leaves). Actuator stays outside: health is never refused.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class AdmissionFilter implements WebFilter {

	private final Bulkhead bulkhead;

	private final AdmissionMeters meters;

	private final byte[] refusal;

	private final AdmissionLimit.Decision decision;

	AdmissionFilter(LabProperties lab, MeterRegistry registry, JsonMapper json, Environment environment) {
		this.decision = AdmissionLimit.decide(lab.admission(), Runtime.getRuntime().maxMemory(), environment
			.getProperty("server.tomcat.threads.max", Integer.class, AdmissionLimit.TOMCAT_DEFAULT_THREADS), false);
		int limit = this.decision.limit();
		// a refusal is an answer, not a failure: no stack trace built per refused request
		this.bulkhead = Bulkhead.of("admission",
				BulkheadConfig.custom()
					.maxConcurrentCalls(limit)
					.maxWaitDuration(Duration.ZERO)
					.writableStackTraceEnabled(false)
					.build());
		this.meters = new AdmissionMeters(registry, limit);
		this.refusal = json.writeValueAsBytes(Problems.admissionRefused(limit));
	}

	int limit() {
		return this.bulkhead.getBulkheadConfig().getMaxConcurrentCalls();
	}

	AdmissionLimit.Decision decision() {
		return this.decision;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (AdmissionPaths.isExempt(exchange.getRequest().getPath())) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange)
			.transformDeferred(BulkheadOperator.of(this.bulkhead))
			.onErrorResume(BulkheadFullException.class, (full) -> refuse(exchange.getResponse()));
	}

	private Mono<Void> refuse(ServerHttpResponse response) {
		this.meters.rejected();
		response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
		response.getHeaders().set(HttpHeaders.RETRY_AFTER, Problems.RETRY_AFTER_SECONDS);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		response.getHeaders().setContentLength(this.refusal.length);
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(this.refusal)));
	}

}
