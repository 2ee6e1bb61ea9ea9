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
 * GiB heap admits 2,048 requests.
 * <p>
 * The overload policy ({@link Mode}) is one per run and the same on every stack: in
 * {@link Mode#QUEUE} nothing is refused below that limit, and a platform-thread stack
 * holds what it cannot run yet in Tomcat's queue, as a default Tomcat does; in
 * {@link Mode#SHED} every stack admits the same number, by default what a pool of
 * {@code server.tomcat.threads.max} platform threads can enforce (a thread must stay free
 * to refuse the rest quickly).
 */
public final class AdmissionLimit {

	public static final long HEAP_PER_REQUEST = 256 * 1024;

	/** What {@code /api/info} calls the admission limit. */
	public static final String KIND = "API requests admitted at once (lab.admission.max-concurrent, lab.admission.mode); "
			+ "past it 503 + Retry-After";

	/** Tomcat's own default of request threads, when a stack has no such setting. */
	public static final int TOMCAT_DEFAULT_THREADS = 200;

	/** What a stack does with the requests over what it can run at once. */
	public enum Mode {

		/**
		 * Admit up to the heap's limit: on platform threads the request threads run what
		 * they can and Tomcat's executor and accept queues hold the rest, so latency
		 * grows as clients / throughput.
		 */
		QUEUE,

		/** Admit the same number on every stack and answer the rest 503 at once. */
		SHED

	}

	/** The limit in force on one stack and, for {@code /api/info}, how it was chosen. */
	public record Decision(int limit, Mode mode, String rule) {
	}

	/**
	 * Requests in flight get the max heap divided by this: the rest is the collector's
	 * headroom. {@link #of} computes with it and {@link #decide} states it in words
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

	/**
	 * The limit of a stack under {@code settings}: {@code tomcatThreads} is
	 * {@code server.tomcat.threads.max} (the shed rule reads it on every stack, so that
	 * every stack sheds at the same number), {@code platformThreads} whether those
	 * threads are this stack's request threads (then a refusal needs a free one).
	 */
	public static Decision decide(LabProperties.Admission settings, long maxHeapBytes, int tomcatThreads,
			boolean platformThreads) {
		int configured = settings.maxConcurrent();
		String heap = HEAP_SHARE + " of the max heap / " + HEAP_PER_REQUEST / 1024 + " KiB per request in flight";
		if (settings.mode() == Mode.SHED) {
			String refusing = "server.tomcat.threads.max (" + tomcatThreads + ") - " + REFUSING_THREADS
					+ " kept free to refuse";
			int limit = (configured > 0) ? configured : ofThreads(of(0, maxHeapBytes), tomcatThreads);
			String source = (configured > 0) ? "lab.admission.max-concurrent"
					: "the smaller of " + heap + " and " + refusing;
			if (platformThreads && configured > 0) {
				limit = ofThreads(limit, tomcatThreads);
				source = "the smaller of lab.admission.max-concurrent and " + refusing;
			}
			return new Decision(limit, Mode.SHED, "shed, the same on every stack: " + source);
		}
		int limit = of(configured, maxHeapBytes);
		String source = (configured > 0) ? "lab.admission.max-concurrent" : heap;
		String queued = platformThreads ? "; " + tomcatThreads
				+ " Tomcat request threads run at most that many at once, the rest wait in Tomcat's queue" : "";
		return new Decision(limit, Mode.QUEUE, "queue, nothing refused below " + source + queued);
	}

	/**
	 * The limit on a stack with {@code threads} request threads:
	 * {@link #REFUSING_THREADS} of them stay free to answer 503s and health checks.
	 */
	public static int ofThreads(int limit, int threads) {
		return Math.max(1, Math.min(limit, threads - REFUSING_THREADS));
	}

}
