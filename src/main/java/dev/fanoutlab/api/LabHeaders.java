package dev.fanoutlab.api;

/** Header names every stack uses. */
public final class LabHeaders {

	/** On every response: {@code reactive}, {@code blocking} or {@code virtual}. */
	public static final String STACK = "X-Lab-Stack";

	public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/** Set on a create answered from an earlier request with the same key. */
	public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

	private LabHeaders() {
	}

}
