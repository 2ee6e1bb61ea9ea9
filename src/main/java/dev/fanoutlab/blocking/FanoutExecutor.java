package dev.fanoutlab.blocking;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs fan-out steps off the request thread and hands back a {@link CompletableFuture}.
 * Unlike {@code CompletableFuture.supplyAsync}, failing or cancelling the returned future
 * ({@code orTimeout}, the deadline, {@code cancel}) interrupts the thread still running
 * the step: Spring's {@code JdkClientHttpRequest} answers the interrupt by cancelling the
 * HTTP exchange, so the simulator sees the caller go away.
 */
class FanoutExecutor {

	private final ExecutorService executor;

	private final String sizeRule;

	FanoutExecutor(ExecutorService executor, String sizeRule) {
		this.executor = executor;
		this.sizeRule = sizeRule;
	}

	/**
	 * @throws java.util.concurrent.RejectedExecutionException when the bounded queue is
	 * full (answered with a 503)
	 */
	<T> CompletableFuture<T> submit(Callable<T> step) {
		return submit(step, null);
	}

	/**
	 * As {@link #submit(Callable)}, with a time limit whose clock starts when the step
	 * starts running, not while it waits in the queue.
	 */
	<T> CompletableFuture<T> submit(Callable<T> step, Duration timeout) {
		CompletableFuture<T> result = new CompletableFuture<>();
		Future<?> task = this.executor.submit(() -> {
			if (timeout != null) {
				result.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
			}
			try {
				result.complete(step.call());
			}
			catch (Throwable ex) {
				result.completeExceptionally(ex);
			}
		});
		result.whenComplete((value, failure) -> {
			// failed from outside (cancelled, timed out) while the step may still run
			if (result.isCancelled() || failure instanceof TimeoutException) {
				task.cancel(true);
			}
		});
		return result;
	}

	/**
	 * The most threads it runs at once; {@code null} with one virtual thread per task.
	 */
	String sizeRule() {
		return this.sizeRule;
	}

	Integer maxThreads() {
		return (this.executor instanceof ThreadPoolExecutor pool) ? pool.getMaximumPoolSize() : null;
	}

}
