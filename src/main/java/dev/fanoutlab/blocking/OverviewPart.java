package dev.fanoutlab.blocking;

import java.net.http.HttpTimeoutException;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.fanoutlab.api.OverviewMeters;
import dev.fanoutlab.api.Trace;

/**
 * One part of an overview: its result, and when, where and how it ran. Whoever ends it
 * first decides its outcome: the thread that ran it, the request thread at the deadline
 * ({@code timeout}) or the scope when the answer no longer needs it ({@code cancelled}).
 */
final class OverviewPart<T> {

	private final String name;

	private final boolean optional;

	private final OverviewMeters meters;

	private final CompletableFuture<T> result = new CompletableFuture<>();

	private volatile long startNanos;

	private volatile String thread;

	private volatile long endNanos;

	private volatile String outcome;

	private volatile Throwable failure;

	OverviewPart(String name, boolean optional, OverviewMeters meters) {
		this.name = name;
		this.optional = optional;
		this.meters = meters;
	}

	/**
	 * Runs the work on the calling thread; {@code null} if it failed (the part keeps
	 * why).
	 */
	T run(Callable<T> work) {
		this.startNanos = System.nanoTime();
		this.thread = Thread.currentThread().getName();
		try {
			T value = work.call();
			end(Trace.OK, value, null);
			return value;
		}
		catch (Exception ex) {
			end(failedOutcome(ex), null, ex);
			return null;
		}
	}

	/** Not needed (no order, no shipment to look up): no call, no trace entry. */
	synchronized void skip() {
		this.result.complete(null);
	}

	/** Waits for the part until the deadline; a part still running then has timed out. */
	void awaitUntil(long deadlineNanos) throws InterruptedException {
		try {
			this.result.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			end(Trace.TIMEOUT, null, ex);
		}
		catch (ExecutionException | CancellationException ex) {
			// the part's failure, read through failure()
		}
	}

	/** Ends a part that could not start, with the reason. */
	void fail(Exception reason) {
		end(failedOutcome(reason), null, reason);
	}

	/** Ends a part the answer no longer needs (the request failed before it). */
	void cancel() {
		// the scope cancels every part when it closes, most of them long ended: no
		// exception (and stack trace) for those
		if (!this.result.isDone()) {
			end(Trace.CANCELLED, null, new CancellationException(this.name + " no longer needed"));
		}
	}

	boolean succeeded() {
		return Trace.OK.equals(this.outcome) || isSkipped();
	}

	/** An optional part that failed, timed out or never ran: its fallback stands in. */
	boolean degraded() {
		return this.optional && this.outcome != null && !succeeded() && !Trace.CANCELLED.equals(this.outcome);
	}

	T valueOr(T fallback) {
		return succeeded() ? this.result.getNow(null) : fallback;
	}

	/** Why the part failed: the exception it ended with, or null. */
	Throwable failure() {
		return this.failure;
	}

	String name() {
		return this.name;
	}

	/** This part in a trace, or null if it never ended with an outcome. */
	Trace.Call traced(long originNanos) {
		if (this.outcome == null) {
			return null;
		}
		long start = (this.startNanos != 0) ? this.startNanos : this.endNanos;
		return new Trace.Call(this.name, millis(start - originNanos), millis(this.endNanos - start), this.thread,
				this.outcome);
	}

	private boolean isSkipped() {
		return this.outcome == null && this.result.isDone() && !this.result.isCompletedExceptionally();
	}

	private void end(String how, T value, Exception failure) {
		long now = System.nanoTime();
		synchronized (this) {
			if (this.result.isDone()) {
				return; // someone else ended it first
			}
			// the fields first: a thread woken by the result reads them
			this.endNanos = now;
			this.outcome = how;
			this.failure = failure;
			if (failure != null) {
				this.result.completeExceptionally(failure);
			}
			else {
				this.result.complete(value);
			}
		}
		long start = (this.startNanos != 0) ? this.startNanos : now;
		this.meters.record(this.name, how, now - start);
		if (degraded()) {
			this.meters.degraded(this.name);
		}
	}

	private String failedOutcome(Exception failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
				return Trace.TIMEOUT;
			}
		}
		return this.optional ? Trace.FALLBACK : Trace.ERROR;
	}

	private static long millis(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(nanos);
	}

}
