package dev.fanoutlab.reactive;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.fanoutlab.api.OverviewMeters;
import dev.fanoutlab.api.Trace;
import reactor.core.publisher.Mono;

/**
 * One overview request's steps: each is timed from its subscription to its signal and
 * recorded, with the thread that delivered that signal, for the trace and the metrics.
 * Outcomes: {@code ok}; {@code timeout} (passed its timeout); {@code fallback} (an
 * optional part failed and was replaced); {@code error} (a mandatory part failed).
 */
final class OverviewRun {

	private final long startNanos = System.nanoTime();

	private final Duration deadline;

	private final OverviewMeters metrics;

	private final Queue<Trace.Call> calls = new ConcurrentLinkedQueue<>();

	OverviewRun(Duration deadline, OverviewMeters metrics) {
		this.deadline = deadline;
		this.metrics = metrics;
	}

	/** A part the overview cannot answer without: its error fails the request. */
	<T> Mono<T> mandatory(String part, Mono<T> step) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			return step.doOnSuccess((value) -> record(part, start, Trace.OK))
				.doOnError((ex) -> record(part, start, isTimeout(ex) ? Trace.TIMEOUT : Trace.ERROR));
		});
	}

	/**
	 * A part with a fallback: empty when it failed, timed out or answered nothing. Its
	 * timeout never reaches past the overview's deadline.
	 */
	<T> Mono<Optional<T>> optional(String part, Mono<T> step, Duration timeout) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			return step.timeout(min(timeout, remaining(start))).map((value) -> {
				record(part, start, Trace.OK);
				return Optional.of(value);
			})
				.switchIfEmpty(Mono.fromSupplier(() -> fallback(part, start, Trace.FALLBACK)))
				.onErrorResume(
						(ex) -> Mono.just(fallback(part, start, isTimeout(ex) ? Trace.TIMEOUT : Trace.FALLBACK)));
		});
	}

	Trace trace() {
		List<Trace.Call> sorted = this.calls.stream()
			.sorted(Comparator.comparingLong(Trace.Call::startMs).thenComparing(Trace.Call::name))
			.toList();
		return new Trace("reactive", millisSince(this.startNanos), sorted);
	}

	private <T> Optional<T> fallback(String part, long start, String outcome) {
		record(part, start, outcome);
		this.metrics.degraded(part);
		return Optional.empty();
	}

	private void record(String part, long start, String outcome) {
		long end = System.nanoTime();
		this.metrics.record(part, outcome, end - start);
		this.calls.add(new Trace.Call(part, TimeUnit.NANOSECONDS.toMillis(start - this.startNanos),
				TimeUnit.NANOSECONDS.toMillis(end - start), Thread.currentThread().getName(), outcome));
	}

	private Duration remaining(long now) {
		Duration left = this.deadline.minusNanos(now - this.startNanos);
		return left.isNegative() ? Duration.ZERO : left;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
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
