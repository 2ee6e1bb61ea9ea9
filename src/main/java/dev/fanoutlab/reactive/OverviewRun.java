package dev.fanoutlab.reactive;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.fanoutlab.api.OverviewMeters;
import dev.fanoutlab.api.Trace;
import reactor.core.publisher.Mono;

/**
 * One overview request's steps: each is timed from its subscription to its signal and
 * recorded, with the thread that delivered that signal, for the trace and the metrics.
 * Outcomes: {@code ok}; {@code timeout} (passed its timeout); {@code fallback} (an
 * optional part failed and was replaced); {@code error} (a mandatory part failed);
 * {@code cancelled} (the overview stopped needing it).
 */
final class OverviewRun {

	/**
	 * Optional parts time out this much before the deadline, so that their fallback
	 * always wins over the deadline's 503, never ties with it.
	 */
	static final Duration DEADLINE_MARGIN = Duration.ofMillis(5);

	private final long startNanos = System.nanoTime();

	private final Duration deadline;

	private final OverviewMeters metrics;

	/** Only a traced request keeps its calls. */
	private final Queue<Trace.Call> calls;

	OverviewRun(Duration deadline, OverviewMeters metrics, boolean traced) {
		this.deadline = deadline;
		this.metrics = metrics;
		this.calls = traced ? new ConcurrentLinkedQueue<>() : null;
	}

	/** A part the overview cannot answer without: its error fails the request. */
	<T> Mono<T> mandatory(String part, Mono<T> step) {
		return Mono.defer(() -> {
			Once once = new Once(part);
			return step.doOnSuccess((value) -> once.record(Trace.OK))
				.doOnError((ex) -> once.record(isTimeout(ex) ? Trace.TIMEOUT : Trace.ERROR))
				// flatMap cancels its source even after onNext: the first outcome stands
				.doOnCancel(() -> once.record(Trace.CANCELLED));
		});
	}

	/**
	 * A part with a fallback: empty when it failed, timed out or answered nothing. Its
	 * timeout ends {@link #DEADLINE_MARGIN} before the overview's deadline.
	 */
	<T> Mono<Optional<T>> optional(String part, Mono<T> step, Duration timeout) {
		return Mono.defer(() -> {
			Once once = new Once(part);
			// named: the timeout's message says which part, and Reactor need not walk
			// the whole chain for a name on every subscription
			return step.name(part)
				.timeout(min(timeout, remaining(once.start).minus(DEADLINE_MARGIN)))
				.doOnNext((value) -> once.record(Trace.OK))
				.map(Optional::of)
				.switchIfEmpty(Mono.fromSupplier(() -> fallback(once, Trace.FALLBACK)))
				.onErrorResume((ex) -> Mono.just(fallback(once, isTimeout(ex) ? Trace.TIMEOUT : Trace.FALLBACK)))
				.doOnCancel(() -> once.record(Trace.CANCELLED));
		});
	}

	/** The calls so far; only for a run created with {@code traced}. */
	Trace trace() {
		if (this.calls == null) {
			return new Trace("reactive", millisSince(this.startNanos), List.of());
		}
		List<Trace.Call> sorted = this.calls.stream()
			.sorted(Comparator.comparingLong(Trace.Call::startMs).thenComparing(Trace.Call::name))
			.toList();
		return new Trace("reactive", millisSince(this.startNanos), sorted);
	}

	private <T> Optional<T> fallback(Once once, String outcome) {
		if (once.record(outcome)) {
			this.metrics.degraded(once.part);
		}
		return Optional.empty();
	}

	/** One subscription to a part: recorded by its first outcome only. */
	private final class Once {

		private final String part;

		private final long start = System.nanoTime();

		private final AtomicBoolean recorded = new AtomicBoolean();

		Once(String part) {
			this.part = part;
		}

		boolean record(String outcome) {
			if (!this.recorded.compareAndSet(false, true)) {
				return false;
			}
			OverviewRun.this.record(this.part, this.start, outcome);
			return true;
		}

	}

	private void record(String part, long start, String outcome) {
		long end = System.nanoTime();
		this.metrics.record(part, outcome, end - start);
		if (this.calls == null) {
			return;
		}
		this.calls.add(new Trace.Call(part, TimeUnit.NANOSECONDS.toMillis(start - this.startNanos),
				TimeUnit.NANOSECONDS.toMillis(end - start), Thread.currentThread().getName(), outcome));
	}

	private Duration remaining(long now) {
		return this.deadline.minusNanos(now - this.startNanos);
	}

	private static Duration min(Duration a, Duration b) {
		Duration shorter = (a.compareTo(b) <= 0) ? a : b;
		return shorter.isNegative() ? Duration.ZERO : shorter;
	}

	private static long millisSince(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
	}

	/** A timeout operator, or the connection's response timeout below it. */
	static boolean isTimeout(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof TimeoutException || cause instanceof io.netty.handler.timeout.TimeoutException) {
				return true;
			}
		}
		return false;
	}

}
