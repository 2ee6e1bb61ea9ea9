package dev.fanoutlab.blocking;

import dev.fanoutlab.api.LabProperties;
import dev.fanoutlab.api.PaymentReply;
import dev.fanoutlab.api.SweepMeters;
import dev.fanoutlab.api.WriteLimits;
import dev.fanoutlab.blocking.OrderRepository.AbandonedClaim;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * Settles PENDING claims that no request holds any more (the stack crashed or was killed
 * mid-payment): asks the simulator for the key's payment and confirms it (approved) or
 * releases it (declined, or never paid). At most {@link SweepMeters#BATCH} claims a
 * round, one at a time on the scheduler's thread; a claim whose outcome cannot be read
 * now waits for the next round.
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
	void sweepOnSchedule() {
		try {
			sweep();
		}
		catch (DataAccessException ex) {
			this.meters.failed();
		}
	}

	/**
	 * One round; the number of claims this sweeper settled (not those another stack's
	 * sweeper, or a retry, settled first).
	 */
	int sweep() {
		int settled = 0;
		for (AbandonedClaim claim : this.orders.abandonedClaims(this.limits.abandonedAfter(), SweepMeters.BATCH)) {
			try {
				if (settle(claim)) {
					settled++;
				}
			}
			catch (RestClientException | DataAccessException ex) {
				this.meters.failed();
			}
		}
		return settled;
	}

	/**
	 * Confirms or releases the claim; false when it was no longer PENDING (the three
	 * stacks sweep one table), so that the meter counts only what this sweeper changed.
	 */
	boolean settle(AbandonedClaim claim) {
		PaymentReply reply = this.downstream.payment(claim.idempotencyKey()).orElse(null);
		if (reply != null && reply.approved()) {
			boolean confirmed = this.orders.confirm(claim.id(), reply.authorizationId()).isPresent();
			if (confirmed) {
				this.meters.confirmed();
			}
			return confirmed;
		}
		boolean released = this.orders.release(claim.id());
		if (released) {
			this.meters.released();
		}
		return released;
	}

}
