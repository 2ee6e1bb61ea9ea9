package dev.fanoutlab.blocking;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
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
 * in index order. Sequential: one call after the other on the request thread.
 */
@Service
class FanoutService {

	private final DownstreamClient downstream;

	private final FanoutExecutor executor;

	private final LabProperties properties;

	FanoutService(DownstreamClient downstream, FanoutExecutor executor, LabProperties properties) {
		this.downstream = downstream;
		this.executor = executor;
		this.properties = properties;
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
		// the caller asked for latencyMs: each call gets that plus the usual per-call
		// timeout as slack (network, scheduling, the simulator's jitter)
		long perCallTimeoutMs = latencyMs + this.properties.downstream().timeout().toMillis();
		List<CompletableFuture<EchoReply>> futures = new ArrayList<>(calls);
		try {
			for (int i = 0; i < calls; i++) {
				int key = i;
				futures.add(this.executor.submit(() -> this.downstream.echo(key, latencyMs))
					.orTimeout(perCallTimeoutMs, TimeUnit.MILLISECONDS));
			}
			return futures.stream().map(CompletableFuture::join).toList();
		}
		catch (RejectedExecutionException ex) {
			throw new ProblemException(Problems.overloaded());
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
