package dev.fanoutlab.reactive;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.fanoutlab.api.LabProperties;
import dev.fanoutlab.api.WriteLimits;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs each claimed create to its verdict on a subscription of its own, so that a client
 * that leaves cancels its wait, not the write; and on shutdown, once the server has
 * stopped taking requests, waits (at most {@link WriteLimits#verdict()}) for the verdicts
 * still running before the database pool closes.
 */
@Component
class VerdictsInFlight implements SmartLifecycle {

	/**
	 * After the web server's graceful shutdown and stop phases, before bean destruction.
	 */
	private static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private final Set<CompletableFuture<?>> running = ConcurrentHashMap.newKeySet();

	private final Duration verdict;

	private volatile boolean started;

	VerdictsInFlight(LabProperties lab) {
		this.verdict = WriteLimits.of(lab).verdict();
	}

	/**
	 * Subscribes now; the returned Mono waits for the verdict, and cancelling it does
	 * not.
	 */
	<T> Mono<T> shield(Mono<T> write) {
		CompletableFuture<T> future = write.toFuture();
		this.running.add(future);
		future.whenComplete((result, error) -> this.running.remove(future));
		return Mono.fromFuture(future, true);
	}

	int running() {
		return this.running.size();
	}

	@Override
	public void start() {
		this.started = true;
	}

	@Override
	public void stop() {
		try {
			CompletableFuture.allOf(this.running.toArray(CompletableFuture[]::new))
				.get(this.verdict.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			// a failed verdict was answered already; one still running is the sweeper's
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.started = false;
	}

	@Override
	public boolean isRunning() {
		return this.started;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
