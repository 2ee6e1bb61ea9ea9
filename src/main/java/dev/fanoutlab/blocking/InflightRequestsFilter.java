package dev.fanoutlab.blocking;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import dev.fanoutlab.api.AdmissionPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The {@code lab.requests.inflight} gauge: API requests in progress; and when each
 * arrived ({@link RequestArrival}).
 */
class InflightRequestsFilter extends OncePerRequestFilter {

	private final AtomicInteger inflight = new AtomicInteger();

	InflightRequestsFilter(MeterRegistry registry) {
		Gauge.builder("lab.requests.inflight", this.inflight, AtomicInteger::get)
			.description("API requests in progress")
			.register(registry);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return AdmissionPaths.isExempt(request.getRequestURI(), request.getContextPath());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		RequestArrival.stamp(request);
		this.inflight.incrementAndGet();
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.inflight.decrementAndGet();
		}
	}

}
