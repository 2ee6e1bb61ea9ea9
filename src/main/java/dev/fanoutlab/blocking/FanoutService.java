package dev.fanoutlab.blocking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import dev.fanoutlab.api.EchoReply;
import dev.fanoutlab.api.FanoutResult;
import dev.fanoutlab.api.LabProperties;
import dev.fanoutlab.api.Problems;

import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClientException;

/**
 * {@code GET /api/fanout}: N calls to {@code echo}. Parallel: one executor task per call
 * (on platform threads a fan-out of 100 takes 100 pool threads: the lab's point), results
 * in index order, the first failure cancelling the rest. Sequential: one call after the
 * other on the request thread.
 */
@Service
class FanoutService {

	private final DownstreamClient downstream;

	private final FanoutExecutor executor;

	private final Duration slack;

	FanoutService(DownstreamClient downstream, FanoutExecutor executor, LabProperties properties) {
		this.downstream = downstream;
		this.executor = executor;
		this.slack = properties.downstream().timeout();
	}

	FanoutResult fanout(int calls, long latencyMs, String mode) {
		long start = System.nanoTime();
		List<EchoReply> results = "sequential".equals(mode) ? sequential(calls, latencyMs) : parallel(calls, latencyMs);
		long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		return new FanoutResult(mode, calls, latencyMs, elapsedMs, results);
	}

	private List<EchoReply> sequential(int calls, long latencyMs) {
		List<EchoReply> results = new ArrayList<>(calls);
		try {
			for (int i = 0; i < calls; i++) {
				results.add(this.downstream.echo(i, latencyMs));
			}
		}
		catch (RestClientException ex) {
			throw new ProblemException(Problems.downstreamFailed("echo"));
		}
		return results;
	}

	private List<EchoReply> parallel(int calls, long latencyMs) {
		// each call may take what was asked for plus the usual per-call timeout as slack,
		// counted from when the call starts, not from when it was queued
		Duration perCall = Duration.ofMillis(latencyMs).plus(this.slack);
		List<CompletableFuture<EchoReply>> futures = new ArrayList<>(calls);
		try {
			for (int i = 0; i < calls; i++) {
				int key = i;
				futures.add(this.executor.submit(() -> this.downstream.echo(key, latencyMs), perCall));
			}
			CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
			// fail fast: the first failure ends the wait, not the slowest call before it
			futures.forEach((future) -> future.exceptionally((failure) -> {
				all.completeExceptionally(failure);
				return null;
			}));
			all.join();
			return futures.stream().map(CompletableFuture::join).toList();
		}
		catch (CompletionException | CancellationException ex) {
			throw new ProblemException(Problems.downstreamFailed("echo"));
		}
		finally {
			// on failure the others are no longer needed; on success this does nothing
			futures.forEach((future) -> future.cancel(true));
		}
	}

}
