package dev.fanoutlab.api;

/**
 * How many HTTP connections a stack may hold to the simulator, by one stated rule: an
 * overview makes {@value #CALLS_PER_REQUEST} downstream calls, so the limit is that times
 * the requests the stack admits at once ({@link AdmissionLimit}). Below it, calls queue
 * for a connection and cap the stack under its Little's-law bound; far above it, it only
 * hides a leak. {@code lab.http.max-connections} above 0 overrides the rule.
 */
public record HttpConnectionRule(int maxConnections, String rule) {

	/** Recommendations, loyalty, shipping. */
	public static final int CALLS_PER_REQUEST = 3;

	/** The rule for a stack that admits {@code admitted} requests at once. */
	public static HttpConnectionRule of(LabProperties lab, int admitted) {
		int explicit = lab.http().maxConnections();
		if (explicit > 0) {
			return new HttpConnectionRule(explicit, "lab.http.max-connections = " + explicit + " (set explicitly)");
		}
		return new HttpConnectionRule(CALLS_PER_REQUEST * admitted, CALLS_PER_REQUEST
				+ " downstream calls per overview x " + admitted + " requests admitted at once (admission limit)");
	}

}
