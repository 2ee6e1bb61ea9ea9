package dev.fanoutlab.downstream;

import java.time.Duration;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Answers one call after its latency, or fails it on purpose. The wait is a timer
 * ({@link Mono#delay}): no thread is held while a call waits, so thousands of calls wait
 * on the few event-loop and timer threads.
 */
@Component
class Simulator {

	private final ProfileStore profiles;

	private final Chance chance;

	private final DownstreamStats stats;

	Simulator(ProfileStore profiles, Chance chance, DownstreamStats stats) {
		this.profiles = profiles;
		this.chance = chance;
		this.stats = stats;
	}

	Mono<ResponseEntity<?>> answer(Service service, SettingsPatch overrides, Supplier<?> body) {
		return Mono.defer(() -> {
			ServiceSettings settings = this.profiles.current().settings(service).with(overrides);
			boolean fail = this.chance.fails(settings.failRate());
			Duration wait = Duration.ofMillis(settings.latencyMs() + this.chance.jitterMs(settings.jitterMs()));
			DownstreamStats.Call call = this.stats.start(service);
			return Mono.delay(wait)
				.<ResponseEntity<?>>map((tick) -> fail ? SimulatorProblems.injectedFailure(service, settings)
						: ResponseEntity.ok(body.get()))
				.doOnNext((reply) -> call.answered(fail))
				// a no-op once answered; otherwise the caller went away (or the timer
				// failed) before the answer
				.doFinally((signal) -> call.cancelled());
		});
	}

}
