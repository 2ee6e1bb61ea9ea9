package dev.fanoutlab.api;

import java.util.List;

/** Which thread ran each step of a request, and when: {@code ?trace=true}. */
public record Trace(String stack, long totalMs, List<Call> calls) {

	public record Call(String name, long startMs, long durationMs, String thread, String outcome) {
	}

	/** The outcomes a call can have. */
	public static final String OK = "ok";

	public static final String ERROR = "error";

	public static final String TIMEOUT = "timeout";

	public static final String FALLBACK = "fallback";

	/**
	 * The overview no longer needed the call (deadline, a failed mandatory part, the
	 * client left).
	 */
	public static final String CANCELLED = "cancelled";

}
