package dev.fanoutlab.blocking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

	private final ExecutorService executor;

	private final Duration slack;

	FanoutService(DownstreamClient downstream, FanoutExecutorConfiguration.FanoutPool pool, LabProperties properties) {
		this.downstream = downstream;
		this.executor = pool.executor();
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

	/**
	 * Every call submitted at once, all of them bounded by one deadline: what was asked
	 * for plus the usual per-call timeout, counted from the request's start (the wait for
	 * a thread or an HTTP connection included). The first failure ends the wait; in
	 * {@code finally} the calls still running are interrupted (the JDK client aborts each
	 * exchange) and the ones still queued never start.
	 */
	private List<EchoReply> parallel(int calls, long latencyMs) {
		long deadline = System.nanoTime() + Duration.ofMillis(latencyMs).plus(this.slack).toNanos();
		CompletionService<EchoReply> completed = new ExecutorCompletionService<>(this.executor);
		List<Future<EchoReply>> futures = new ArrayList<>(calls);
		try {
			for (int i = 0; i < calls; i++) {
				int key = i;
				futures.add(completed.submit(() -> this.downstream.echo(key, latencyMs)));
			}
			for (int i = 0; i < calls; i++) {
				// in the order they end: the first failure is seen at once
				Future<EchoReply> next = completed.poll(Math.max(0, deadline - System.nanoTime()),
						TimeUnit.NANOSECONDS);
				if (next == null) {
					throw new TimeoutException();
				}
				next.get();
			}
			return futures.stream().map(Future::resultNow).toList();
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new ProblemException(Problems.downstreamFailed("echo"));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ProblemException(Problems.downstreamFailed("echo"));
		}
		finally {
			futures.forEach((future) -> future.cancel(true));
		}
	}

}
