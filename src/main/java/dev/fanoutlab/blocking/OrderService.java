package dev.fanoutlab.blocking;

import java.time.Duration;
import java.util.Optional;

import dev.fanoutlab.api.CreateOrderRequest;
import dev.fanoutlab.api.CreatedOrder;
import dev.fanoutlab.api.DatabaseFailures;
import dev.fanoutlab.api.LabProperties;
import dev.fanoutlab.api.OrderFingerprint;
import dev.fanoutlab.api.PaymentReply;
import dev.fanoutlab.api.Problems;
import dev.fanoutlab.api.RequestValidation;
import dev.fanoutlab.api.WriteLimits;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The idempotent create of docs/design.md: claim the key in one short transaction, call
 * {@code payments} with no transaction or connection held, then confirm or release the
 * claim in another. Concurrent requests with one key: one claims, the others see its row.
 */
@Service
class OrderService {

	/** How often a request whose key was released under it tries to claim it again. */
	private static final int CLAIM_ATTEMPTS = 3;

	private final CustomerRepository customers;

	private final OrderRepository orders;

	private final DownstreamClient downstream;

	/**
	 * A PENDING claim older than this was abandoned (its request died between claim and
	 * confirm): it is released, so that a key never answers 409 for ever. As on the
	 * reactive stack, derived from the payment path's own limits ({@link WriteLimits}).
	 */
	private final Duration abandonedAfter;

	OrderService(CustomerRepository customers, OrderRepository orders, DownstreamClient downstream, LabProperties lab) {
		this.customers = customers;
		this.orders = orders;
		this.downstream = downstream;
		this.abandonedAfter = WriteLimits.of(lab).abandonedAfter();
	}

	/**
	 * The order and whether it was answered from an earlier request with the same key.
	 */
	record Outcome(CreatedOrder order, boolean replayed) {
	}

	Outcome create(long customerId, String idempotencyKey, CreateOrderRequest request) {
		long totalCents = RequestValidation.orderTotalCents(request);
		String fingerprint = OrderFingerprint.of(customerId, request);
		if (!this.customers.exists(customerId)) {
			throw new ProblemException(Problems.customerNotFound(customerId));
		}
		for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
			Optional<Long> claimed = this.orders.claim(customerId, totalCents, idempotencyKey, fingerprint);
			if (claimed.isPresent()) {
				return pay(claimed.get(), idempotencyKey, totalCents).map((order) -> new Outcome(order, false))
					.orElseGet(() -> afterLostClaim(idempotencyKey, fingerprint));
			}
			Optional<OrderRepository.StoredOrder> holder = this.orders.findByKey(idempotencyKey)
				.flatMap((stored) -> currentHolder(stored, idempotencyKey, fingerprint));
			if (holder.isPresent()) {
				return replay(holder.get(), fingerprint);
			}
			// the key is free again: its claim was released (payment declined or failed,
			// or abandoned) since our insert
		}
		throw inProgress();
	}

	CreatedOrder find(long customerId, long orderId) {
		return this.orders.find(customerId, orderId)
			.orElseThrow(() -> new ProblemException(
					Problems.notFound("No order " + orderId + " of customer " + customerId + ".")));
	}

	/**
	 * The confirmed order; empty if the claim was no longer PENDING at confirm. An error
	 * answer of the payment service is a failed payment (502, the claim given back). A
	 * call that ended without an answer (timed out, connection broken, no connection
	 * free) is not: its outcome is read from the payment service's record of the key.
	 */
	private Optional<CreatedOrder> pay(long claimId, String idempotencyKey, long totalCents) {
		PaymentReply reply;
		try {
			reply = this.downstream.authorize(idempotencyKey, totalCents);
		}
		catch (RestClientResponseException ex) {
			giveBack(claimId);
			throw new ProblemException(Problems.paymentFailed());
		}
		catch (RestClientException ex) {
			reply = lookUp(claimId, idempotencyKey);
		}
		if (reply == null || !reply.approved()) {
			giveBack(claimId);
			throw new ProblemException(
					(reply == null) ? Problems.paymentFailed() : Problems.paymentDeclined(totalCents));
		}
		return this.orders.confirm(claimId, reply.authorizationId());
	}

	/**
	 * The payment's outcome as the payment service recorded it for the key. Never
	 * answered: nothing was paid, the claim is given back, 503. The record cannot be read
	 * either: the outcome is unknown, so the claim stays PENDING for a retry with the key
	 * or the sweeper (which reads the record again), 503. Either way a retry with the
	 * same key never pays twice.
	 */
	private PaymentReply lookUp(long claimId, String idempotencyKey) {
		Optional<PaymentReply> recorded;
		try {
			recorded = this.downstream.payment(idempotencyKey);
		}
		catch (RestClientException ex) {
			throw paymentUnavailable();
		}
		if (recorded.isEmpty()) {
			giveBack(claimId);
			throw paymentUnavailable();
		}
		return recorded.get();
	}

	/**
	 * Releases the claim. A database that cannot be reached for it does not change the
	 * answer: the claim stays PENDING, nothing is confirmed, and the sweeper releases it
	 * (the payment service holds no approved payment for its key).
	 */
	private void giveBack(long claimId) {
		try {
			this.orders.release(claimId);
		}
		catch (DataAccessException ex) {
			if (!DatabaseFailures.unreachable(ex)) {
				throw ex;
			}
		}
	}

	private static ProblemException paymentUnavailable() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Problems.RETRY_AFTER_SECONDS);
		return new ProblemException(Problems.paymentUnavailable(), headers);
	}

	/**
	 * Our claim was released as abandoned (and maybe claimed again) before we confirmed
	 * it: the key's order, if confirmed since, is the answer; otherwise the key is busy.
	 */
	private Outcome afterLostClaim(String idempotencyKey, String fingerprint) {
		return this.orders.findByKey(idempotencyKey)
			.filter((stored) -> !CreatedOrder.PENDING.equals(stored.order().status())
					&& fingerprint.equals(stored.fingerprint()))
			.map((stored) -> new Outcome(stored.order(), true))
			.orElseThrow(OrderService::inProgress);
	}

	/**
	 * The row that holds the key, once a claim of ours abandoned long ago is released:
	 * empty when the key is free again.
	 */
	private Optional<OrderRepository.StoredOrder> currentHolder(OrderRepository.StoredOrder stored,
			String idempotencyKey, String fingerprint) {
		if (!isOurPendingClaim(stored, fingerprint)) {
			return Optional.of(stored);
		}
		if (this.orders.releaseIfOlderThan(stored.order().id(), this.abandonedAfter)) {
			return Optional.empty();
		}
		// a live request's claim, or one the sweeper settled since our read: read it anew
		return this.orders.findByKey(idempotencyKey);
	}

	private static boolean isOurPendingClaim(OrderRepository.StoredOrder stored, String fingerprint) {
		return fingerprint.equals(stored.fingerprint()) && CreatedOrder.PENDING.equals(stored.order().status());
	}

	private Outcome replay(OrderRepository.StoredOrder existing, String fingerprint) {
		if (!fingerprint.equals(existing.fingerprint())) {
			throw new ProblemException(Problems.idempotencyKeyReused());
		}
		if (CreatedOrder.PENDING.equals(existing.order().status())) {
			throw inProgress();
		}
		return new Outcome(existing.order(), true);
	}

	private static ProblemException inProgress() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "1");
		return new ProblemException(Problems.idempotencyKeyInProgress(), headers);
	}

}
