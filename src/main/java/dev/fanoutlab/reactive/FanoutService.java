package dev.fanoutlab.reactive;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.fanoutlab.api.EchoReply;
import dev.fanoutlab.api.FanoutResult;
import dev.fanoutlab.api.Problems;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/** N echo calls, all at once or one after the other. */
@Service
class FanoutService {

	static final String PARALLEL = "parallel";

	private final DownstreamClient downstream;

	FanoutService(DownstreamClient downstream) {
		this.downstream = downstream;
	}

	Mono<FanoutResult> fanout(int calls, long latencyMs, String mode) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			// Each call is asked to wait latencyMs (up to 10 s), so the usual per-call
			// timeout would cut it off: a call may take its latency plus the usual
			// timeout as slack.
			Duration timeout = Duration.ofMillis(latencyMs).plus(this.downstream.timeout());
			Flux<Integer> keys = Flux.range(0, calls);
			Flux<EchoReply> replies = PARALLEL.equals(mode)
					// all N subscribed at once; results still come out in index order
					? keys.flatMapSequential((key) -> this.downstream.echo(key, latencyMs, timeout), calls)
					: keys.concatMap((key) -> this.downstream.echo(key, latencyMs, timeout));
			return replies.collectList()
				.onErrorMap((ex) -> ProblemErrors.of(Problems.downstreamFailed("echo"), ex))
				.map((results) -> new FanoutResult(mode, calls, latencyMs,
						TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), results));
		});
	}

}
