package dev.fanoutlab.api;

/**
 * How many HTTP connections each stack may hold to the simulator, by one stated rule: an
 * overview makes {@value #CALLS_PER_REQUEST} downstream calls, so the limit is that times
 * the requests a stack admits at once. A limit below it caps the stack below its
 * Little's-law bound (calls queue for a connection); far above it only hides a leak.
 * {@code lab.http.max-connections} set above 0 overrides the rule.
 */
public record HttpConnectionRule(int maxConnections, String rule) {

	/** Recommendations, loyalty, shipping. */
	public static final int CALLS_PER_REQUEST = 3;

	/**
	 * The requests in flight the limit is sized for when no admission limit is set: the
	 * largest load the lab's benchmarks apply (2,000 clients).
	 */
	public static final int DEFAULT_ADMITTED = 2_000;

	public static HttpConnectionRule of(LabProperties lab) {
		int explicit = lab.http().maxConnections();
		if (explicit > 0) {
			return new HttpConnectionRule(explicit, "lab.http.max-connections = " + explicit + " (set explicitly)");
		}
		int admitted = lab.admission().maxConcurrent();
		String from = (admitted > 0) ? "lab.admission.max-concurrent" : "requests in flight, no admission limit set";
		int requests = (admitted > 0) ? admitted : DEFAULT_ADMITTED;
		return new HttpConnectionRule(CALLS_PER_REQUEST * requests,
				CALLS_PER_REQUEST + " downstream calls per overview x " + requests + " (" + from + ")");
	}

}
