package dev.fanoutlab.blocking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.fanoutlab.api.Trace;

/**
 * The state of one overview in progress: when and on which thread each part ran, how it
 * ended, which parts fell back, and every future still worth cancelling.
 */
final class OverviewRun {

	private final long startNanos = System.nanoTime();

	private final Map<String, Step> steps = new ConcurrentHashMap<>();

	private final List<CompletableFuture<?>> futures = new ArrayList<>();

	private boolean cancelled;

	/** Wraps a part's work so that it notes when and where it runs. */
	<T> Callable<T> recorded(String part, Callable<T> work) {
		return () -> {
			this.steps.put(part, new Step(System.nanoTime(), Thread.currentThread().getName()));
			return work.call();
		};
	}

	/** Notes how a part ended; returns how long it ran. */
	long finished(String part, String outcome) {
		long now = System.nanoTime();
		Step step = this.steps.computeIfAbsent(part, (name) -> new Step(now, null));
		step.end(now, outcome);
		return now - step.startNanos;
	}

	/** Tracks a future to cancel if the overview ends before it; late ones at once. */
	synchronized <T> CompletableFuture<T> track(CompletableFuture<T> future) {
		if (this.cancelled) {
			future.cancel(true);
		}
		else {
			this.futures.add(future);
		}
		return future;
	}

	/** Cancels what is still running: the answer no longer needs it. */
	void cancelRemaining() {
		List<CompletableFuture<?>> remaining;
		synchronized (this) {
			this.cancelled = true;
			remaining = List.copyOf(this.futures);
		}
		remaining.forEach((future) -> future.cancel(true));
	}

	long elapsedMs() {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.startNanos);
	}

	Trace trace(String stack, List<String> order) {
		List<Trace.Call> calls = new ArrayList<>();
		for (String part : order) {
			Step step = this.steps.get(part);
			if (step != null && step.outcome != null) {
				calls.add(new Trace.Call(part, millisSinceStart(step.startNanos),
						TimeUnit.NANOSECONDS.toMillis(step.endNanos - step.startNanos), step.thread, step.outcome));
			}
		}
		return new Trace(stack, elapsedMs(), calls);
	}

	private long millisSinceStart(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(nanos - this.startNanos);
	}

	private static final class Step {

		private final long startNanos;

		private final String thread;

		private volatile long endNanos;

		private volatile String outcome;

		Step(long startNanos, String thread) {
			this.startNanos = startNanos;
			this.thread = thread;
		}

		void end(long nanos, String outcome) {
			this.endNanos = nanos;
			this.outcome = outcome;
		}

	}

}
