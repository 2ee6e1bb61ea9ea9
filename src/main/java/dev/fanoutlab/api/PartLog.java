package dev.fanoutlab.api;

import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.dao.QueryTimeoutException;

/**
 * The parts of one overview run on threads, each recorded once (the trace and
 * {@code lab.overview.part}): the first to end a part decides its outcome, the task that
 * ran it ({@code ok}, {@code error}, {@code fallback}, {@code timeout}) or the request
 * thread that stopped waiting for it ({@code timeout} at the deadline, {@code cancelled}
 * when the answer no longer needs it). The thread stacks' twin of the reactive stack's
 * {@code OverviewRun}.
 */
public final class PartLog {

	/** The order of the parts in a trace: the order the overview declares them. */
	private static final List<String> PARTS = List.of(CustomerOverview.CUSTOMER, CustomerOverview.ORDERS,
			CustomerOverview.RECOMMENDATIONS, CustomerOverview.LOYALTY, CustomerOverview.SHIPPING);

	private final OverviewMeters meters;

	private final long originNanos;

	private final Map<String, Started> started = new ConcurrentHashMap<>();

	private final Map<String, Trace.Call> ended = new ConcurrentHashMap<>();

	public PartLog(OverviewMeters meters, long originNanos) {
		this.meters = meters;
		this.originNanos = originNanos;
	}

	/**
	 * The work of a part, timed on the thread that runs it. A part already ended (the
	 * deadline passed while it waited for a thread) is not started.
	 */
	public <T> Callable<T> timed(String part, boolean optional, Callable<T> work) {
		return () -> {
			if (this.ended.containsKey(part)) {
				throw new CancellationException(part + " ended before it started");
			}
			this.started.putIfAbsent(part, new Started(System.nanoTime(), Thread.currentThread().getName()));
			try {
				T value = work.call();
				end(part, Trace.OK);
				return value;
			}
			catch (Exception ex) {
				end(part, isTimeout(ex) ? Trace.TIMEOUT : optional ? Trace.FALLBACK : Trace.ERROR);
				throw ex;
			}
		};
	}

	/**
	 * Ends a part with this outcome unless it has ended already; true if this ended it.
	 */
	public boolean end(String part, String outcome) {
		long now = System.nanoTime();
		Started start = this.started.getOrDefault(part, new Started(now, Thread.currentThread().getName()));
		Trace.Call call = new Trace.Call(part, millis(start.nanos() - this.originNanos), millis(now - start.nanos()),
				start.thread(), outcome);
		if (this.ended.putIfAbsent(part, call) != null) {
			return false;
		}
		this.meters.record(part, outcome, now - start.nanos());
		return true;
	}

	/** An optional part's fallback stands in for it. */
	public void degraded(String part) {
		this.meters.degraded(part);
	}

	/** The parts that ended, in the order the overview declares them. */
	public Trace trace(String stack) {
		List<Trace.Call> calls = PARTS.stream().map(this.ended::get).filter(Objects::nonNull).toList();
		return new Trace(stack, millis(System.nanoTime() - this.originNanos), calls);
	}

	/**
	 * An HTTP client's timeout, or a database statement cancelled by its query timeout.
	 */
	public static boolean isTimeout(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException
					|| cause instanceof SocketTimeoutException || cause instanceof QueryTimeoutException) {
				return true;
			}
		}
		return false;
	}

	private static long millis(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(nanos);
	}

	private record Started(long nanos, String thread) {
	}

}
