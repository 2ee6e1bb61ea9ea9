package dev.fanoutlab.api;

/**
 * How many requests a stack admits at once when {@code lab.admission.max-concurrent} is
 * not set. The rule: a quarter of the maximum heap ({@link #HEAP_SHARE_DIVISOR}) is for
 * requests in flight, the rest for everything else (caches, pools, buffers of idle
 * connections) and above all for the collector's headroom: ZGC runs less often the more
 * room it has above the live set (at 1,000 requests in flight its threads took 15-29% of
 * the stack's CPU with a 1 GiB heap, 7-15% with 2 GiB: docs/performance.md). One request
 * in flight costs at most {@link #HEAP_PER_REQUEST} (measured on the virtual stack, where
 * a request's thread stacks live on the heap, see docs/reliability.md). So the lab's 2
 * GiB heap admits 2,048 requests. Stacks with a fixed thread pool admit fewer: a platform
 * thread must stay free to refuse the rest quickly.
 */
public final class AdmissionLimit {

	public static final long HEAP_PER_REQUEST = 256 * 1024;

	/**
	 * Requests in flight get the max heap divided by this: the rest is the collector's
	 * headroom. {@link #of} computes with it and {@link #rule} states it in words
	 * ({@link #HEAP_SHARE}); AdmissionLimitTests pins the two together.
	 */
	private static final int HEAP_SHARE_DIVISOR = 4;

	private static final String HEAP_SHARE = "a quarter";

	/**
	 * Request threads kept free to refuse: a refusal takes microseconds, so 8 threads
	 * refuse more than two cores can accept, whatever the pool's size. Every thread more
	 * in reserve is one request fewer served at the wall.
	 */
	public static final int REFUSING_THREADS = 8;

	private AdmissionLimit() {
	}

	/** The configured limit when positive, otherwise the heap's. */
	public static int of(int configured, long maxHeapBytes) {
		if (configured > 0) {
			return configured;
		}
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, maxHeapBytes / HEAP_SHARE_DIVISOR / HEAP_PER_REQUEST));
	}

	/** How {@link #of} and {@link #ofThreads} chose the limit, for {@code /api/info}. */
	public static String rule(int configured, Integer threads) {
		String source = (configured > 0) ? "lab.admission.max-concurrent"
				: HEAP_SHARE + " of the max heap / " + HEAP_PER_REQUEST / 1024 + " KiB per request in flight";
		return (threads == null) ? source
				: "the smaller of " + source + " and Tomcat's threads - " + REFUSING_THREADS + " kept free to refuse";
	}

	/**
	 * The limit on a stack with {@code threads} request threads:
	 * {@link #REFUSING_THREADS} of them stay free to answer 503s and health checks.
	 */
	public static int ofThreads(int limit, int threads) {
		return Math.max(1, Math.min(limit, threads - REFUSING_THREADS));
	}

}
