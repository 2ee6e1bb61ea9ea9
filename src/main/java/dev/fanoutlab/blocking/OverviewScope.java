package dev.fanoutlab.blocking;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

import dev.fanoutlab.api.OverviewMeters;
import dev.fanoutlab.api.Trace;

/**
 * The scope of one overview, in the spirit of structured concurrency: the parts it runs,
 * the tasks it forks beside the request thread, one deadline counted from the request's
 * arrival, and on close the cancellation of whatever the answer no longer needs (an
 * interrupted task aborts its HTTP exchange, see {@link FanoutExecutor}).
 */
final class OverviewScope implements AutoCloseable {

	private final FanoutExecutor executor;

	private final OverviewMeters meters;

	private final long arrivalNanos;

	private final long deadlineNanos;

	private final List<OverviewPart<?>> parts = new ArrayList<>();

	private final List<CompletableFuture<?>> forks = new ArrayList<>();

	OverviewScope(FanoutExecutor executor, OverviewMeters meters, long arrivalNanos, long deadlineNanos) {
		this.executor = executor;
		this.meters = meters;
		this.arrivalNanos = arrivalNanos;
		this.deadlineNanos = deadlineNanos;
	}

	<T> OverviewPart<T> mandatory(String name) {
		return add(new OverviewPart<>(name, false, this.meters));
	}

	<T> OverviewPart<T> optional(String name) {
		return add(new OverviewPart<>(name, true, this.meters));
	}

	/** Runs a task beside the request thread; if the pool refuses it, its parts fail. */
	void fork(Runnable task, OverviewPart<?>... itsParts) {
		try {
			this.forks.add(this.executor.submit(() -> {
				task.run();
				return null;
			}));
		}
		catch (RejectedExecutionException ex) {
			for (OverviewPart<?> part : itsParts) {
				part.fail(ex);
			}
		}
	}

	/** Waits for the parts, all of them bounded by the one deadline. */
	void awaitAll(OverviewPart<?>... awaited) throws InterruptedException {
		for (OverviewPart<?> part : awaited) {
			part.awaitUntil(this.deadlineNanos);
		}
	}

	/** The optional parts replaced by their fallback, in the order they were declared. */
	List<String> degraded() {
		return this.parts.stream().filter(OverviewPart::degraded).map(OverviewPart::name).toList();
	}

	Trace trace(String stack, long nowNanos) {
		List<Trace.Call> calls = this.parts.stream()
			.map((part) -> part.traced(this.arrivalNanos))
			.filter(Objects::nonNull)
			.toList();
		return new Trace(stack, (nowNanos - this.arrivalNanos) / 1_000_000, calls);
	}

	/** Parts still open are no longer needed: end them and interrupt their tasks. */
	@Override
	public void close() {
		this.parts.forEach(OverviewPart::cancel);
		this.forks.forEach((fork) -> fork.cancel(true));
	}

	private <T> OverviewPart<T> add(OverviewPart<T> part) {
		this.parts.add(part);
		return part;
	}

}
