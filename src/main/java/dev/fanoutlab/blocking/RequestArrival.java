package dev.fanoutlab.blocking;

import jakarta.servlet.http.HttpServletRequest;

/**
 * When a request reached the stack: deadlines count from here, the first filter, not from
 * whenever a thread got round to the work.
 */
final class RequestArrival {

	private static final String ATTRIBUTE = RequestArrival.class.getName();

	private RequestArrival() {
	}

	static void stamp(HttpServletRequest request) {
		request.setAttribute(ATTRIBUTE, System.nanoTime());
	}

	/** The stamp, or now for a request that came in past the filter (slice tests). */
	static long nanos(HttpServletRequest request) {
		return (request.getAttribute(ATTRIBUTE) instanceof Long stamp) ? stamp : System.nanoTime();
	}

}
