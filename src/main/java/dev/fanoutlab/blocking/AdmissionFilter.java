package dev.fanoutlab.blocking;

import java.io.IOException;

import dev.fanoutlab.api.AdmissionMeters;
import dev.fanoutlab.api.AdmissionPaths;
import dev.fanoutlab.api.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.ConcurrencyThrottleSupport;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admits at most {@code limit} API requests at once; the next one is answered {@code 503}
 * + {@code Retry-After} at once, never queued. Spring's own concurrency throttle (the
 * engine of {@code @ConcurrencyLimit}, made for virtual threads, which have no pool to
 * bound them) with its reject policy. Actuator stays outside: health is never refused.
 */
class AdmissionFilter extends OncePerRequestFilter {

	private final Throttle throttle;

	private final AdmissionMeters meters;

	private final byte[] refusal;

	AdmissionFilter(int limit, AdmissionMeters meters, byte[] refusal) {
		this.throttle = new Throttle(limit);
		this.meters = meters;
		this.refusal = refusal;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return AdmissionPaths.isExempt(request.getRequestURI(), request.getContextPath());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			this.throttle.enter();
		}
		catch (LimitReached ex) {
			this.meters.rejected();
			refuse(response);
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.throttle.exit();
		}
	}

	private void refuse(HttpServletResponse response) throws IOException {
		response.setStatus(503);
		response.setHeader(HttpHeaders.RETRY_AFTER, Problems.RETRY_AFTER_SECONDS);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setContentLength(this.refusal.length);
		response.getOutputStream().write(this.refusal);
	}

	private static final class LimitReached extends RuntimeException {

		LimitReached() {
			super("admission limit reached", null, false, false);
		}

	}

	/** Reject, never wait: a request over the limit must not hold its thread. */
	private static final class Throttle extends ConcurrencyThrottleSupport {

		Throttle(int limit) {
			setConcurrencyLimit(limit);
		}

		void enter() {
			beforeAccess();
		}

		void exit() {
			afterAccess();
		}

		@Override
		protected void onLimitReached() {
			throw new LimitReached();
		}

	}

}
