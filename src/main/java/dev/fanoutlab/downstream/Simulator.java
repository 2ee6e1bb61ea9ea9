package dev.fanoutlab.downstream;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Answers one call after its latency, or fails it on purpose. The wait is a timer, not a
 * thread: thousands of calls wait on the few event-loop threads.
 */
@Component
class Simulator {

	private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private final ProfileStore profiles;

	private final Chance chance;

	private final DownstreamStats stats;

	private final JsonBodies json;

	Simulator(ProfileStore profiles, Chance chance, DownstreamStats stats, JsonBodies json) {
		this.profiles = profiles;
		this.chance = chance;
		this.stats = stats;
		this.json = json;
	}

	/**
	 * The delay to the first whole millisecond (of {@link System#nanoTime()}) at or after
	 * {@code waitMs} from {@code nowNanos}: calls due within the same millisecond share
	 * one wake-up of the event loop instead of one each (timer coalescing). None waits
	 * more than a millisecond longer than asked, and none less.
	 */
	static long coalescedDelayNanos(long waitMs, long nowNanos) {
		long due = nowNanos + TimeUnit.MILLISECONDS.toNanos(waitMs);
		return Math.ceilDiv(due, TICK_NANOS) * TICK_NANOS - nowNanos;
	}

	/**
	 * The answer of one call, on {@code timer} after the call's latency. Pass the
	 * connection's own event loop: the timer then fires on the thread that writes the
	 * answer, with no hand-off between threads.
	 */
	Mono<Reply> answer(Service service, SettingsPatch overrides, Supplier<Reply> body, ScheduledExecutorService timer) {
		return Mono.defer(() -> {
			ServiceSettings settings = this.profiles.current().settings(service).with(overrides);
			boolean fail = this.chance.fails(settings.failRate());
			long waitMs = settings.latencyMs() + this.chance.jitterMs(settings.jitterMs());
			DownstreamStats.Call call = this.stats.start(service);
			return Mono.<Reply>create((sink) -> {
				ScheduledFuture<?> tick = timer.schedule(() -> {
					Reply reply = fail ? this.json.problem(SimulatorProblems.injectedFailure(service, settings), null)
							: body.get();
					call.answered(fail);
					sink.success(reply);
				}, coalescedDelayNanos(waitMs, System.nanoTime()), TimeUnit.NANOSECONDS);
				sink.onCancel(() -> tick.cancel(false));
			})
				// a no-op once answered; otherwise the caller went away before the answer
				.doFinally((signal) -> call.cancelled());
		});
	}

}
