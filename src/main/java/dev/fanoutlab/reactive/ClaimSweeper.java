package dev.fanoutlab.reactive;

import dev.fanoutlab.api.LabProperties;
import dev.fanoutlab.api.PaymentReply;
import dev.fanoutlab.api.SweepMeters;
import dev.fanoutlab.api.WriteLimits;
import dev.fanoutlab.reactive.OrderRepository.AbandonedClaim;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Settles PENDING claims that no request holds any more (the stack crashed or was killed
 * mid-payment): asks the simulator for the key's payment and confirms it (approved) or
 * releases it (declined, or never paid). At most {@link SweepMeters#BATCH} claims a
 * round, one at a time; a claim whose outcome cannot be read now waits for the next
 * round.
 */
@Component
@EnableScheduling
class ClaimSweeper {

	private final OrderRepository orders;

	private final DownstreamClient downstream;

	private final SweepMeters meters;

	private final WriteLimits limits;

	ClaimSweeper(OrderRepository orders, DownstreamClient downstream, MeterRegistry registry, LabProperties lab) {
		this.orders = orders;
		this.downstream = downstream;
		this.meters = new SweepMeters(registry);
		this.limits = WriteLimits.of(lab);
	}

	@Scheduled(initialDelayString = "${lab.sweeper.interval:10s}", fixedDelayString = "${lab.sweeper.interval:10s}")
	Mono<Long> sweepOnSchedule() {
		return sweep().onErrorResume((ex) -> {
			this.meters.failed();
			return Mono.just(0L);
		});
	}

	/**
	 * One round; the number of claims this sweeper settled (not those another stack's
	 * sweeper, or a retry, settled first).
	 */
	Mono<Long> sweep() {
		return this.orders.abandonedClaims(this.limits.abandonedAfter(), SweepMeters.BATCH)
			.concatMap((claim) -> settle(claim).onErrorResume((ex) -> {
				this.meters.failed();
				return Mono.empty();
			}))
			.filter(Boolean::booleanValue)
			.count();
	}

	/**
	 * Confirms or releases the claim; false when it was no longer PENDING (the three
	 * stacks sweep one table), so that the meter counts only what this sweeper changed.
	 */
	Mono<Boolean> settle(AbandonedClaim claim) {
		return this.downstream.payment(claim.idempotencyKey())
			.flatMap((reply) -> reply.approved() ? confirm(claim, reply) : release(claim))
			.switchIfEmpty(Mono.defer(() -> release(claim)));
	}

	private Mono<Boolean> confirm(AbandonedClaim claim, PaymentReply reply) {
		return this.orders.confirm(claim.id(), reply.authorizationId())
			.doOnNext((order) -> this.meters.confirmed())
			.map((order) -> true)
			.defaultIfEmpty(false);
	}

	private Mono<Boolean> release(AbandonedClaim claim) {
		return this.orders.release(claim.id()).doOnNext((released) -> {
			if (released) {
				this.meters.released();
			}
		});
	}

}
