package dev.fanoutlab.blocking;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
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

	FanoutExecutor(ExecutorService executor) {
		this.executor = executor;
	}

	/**
	 * @throws java.util.concurrent.RejectedExecutionException when the bounded queue is
	 * full (answered with a 503)
	 */
	<T> CompletableFuture<T> submit(Callable<T> step) {
		CompletableFuture<T> result = new CompletableFuture<>();
		Future<?> task = this.executor.submit(() -> {
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
	Integer maxThreads() {
		return (this.executor instanceof ThreadPoolExecutor pool) ? pool.getMaximumPoolSize() : null;
	}

}
