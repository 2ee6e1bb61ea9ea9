package dev.fanoutlab.api;

/**
 * How many requests a stack admits at once when {@code lab.admission.max-concurrent} is
 * not set. The rule: half of the maximum heap is for requests in flight, the other half
 * for everything else (caches, pools, buffers of idle connections, GC headroom); one
 * request in flight costs at most {@link #HEAP_PER_REQUEST} (measured on the virtual
 * stack, where a request's thread stacks live on the heap, see docs/reliability.md). So a
 * 512 MiB heap admits 1,024 requests. Stacks with a fixed thread pool admit fewer: a
 * platform thread must stay free to refuse the rest quickly.
 */
public final class AdmissionLimit {

	public static final long HEAP_PER_REQUEST = 256 * 1024;

	private AdmissionLimit() {
	}

	/** The configured limit when positive, otherwise the heap's. */
	public static int of(int configured, long maxHeapBytes) {
		if (configured > 0) {
			return configured;
		}
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, maxHeapBytes / 2 / HEAP_PER_REQUEST));
	}

	/**
	 * The limit on a stack with {@code threads} request threads: a tenth of them (at
	 * least 8) stays free to answer 503s and health checks.
	 */
	public static int ofThreads(int limit, int threads) {
		int reserve = Math.max(8, threads / 10);
		return Math.max(1, Math.min(limit, threads - reserve));
	}

}
