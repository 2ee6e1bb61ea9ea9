package dev.fanoutlab.reactive;

import dev.fanoutlab.api.CreateOrderRequest;
import dev.fanoutlab.api.CreatedOrder;
import dev.fanoutlab.api.LabProperties;
import dev.fanoutlab.api.OrderFingerprint;
import dev.fanoutlab.api.PaymentReply;
import dev.fanoutlab.api.Problems;
import dev.fanoutlab.api.RequestValidation;
import dev.fanoutlab.api.WriteLimits;
import dev.fanoutlab.reactive.OrderRepository.StoredOrder;
import reactor.core.publisher.Mono;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Idempotent order creation (docs/design.md): claim the key in a short transaction,
 * authorise the payment with no transaction or connection held, then confirm or give the
 * claim back. A request that finds the key taken replays, waits (409) or refuses (422).
 * Every step has a deadline ({@link WriteLimits}); a claimed create runs to its verdict
 * even if its client leaves; a claim left by a crash is settled by {@link ClaimSweeper}.
 */
@Service
class OrderService {

	/**
	 * How often a request that lost the race retries when the winner gave the key back.
	 */
	private static final int CLAIM_ATTEMPTS = 3;

	private final CustomerRepository customers;

	private final OrderRepository orders;

	private final DownstreamClient downstream;

	private final VerdictsInFlight verdicts;

	private final WriteLimits limits;

	OrderService(CustomerRepository customers, OrderRepository orders, DownstreamClient downstream,
			VerdictsInFlight verdicts, LabProperties lab) {
		this.customers = customers;
		this.orders = orders;
		this.downstream = downstream;
		this.verdicts = verdicts;
		this.limits = WriteLimits.of(lab);
	}

	/** A stored order, and whether it was created by an earlier request with the key. */
	record Outcome(CreatedOrder order, boolean replayed) {
	}

	Mono<Outcome> create(long customerId, String idempotencyKey, CreateOrderRequest request) {
		return Mono.defer(() -> {
			long totalCents = RequestValidation.orderTotalCents(request);
			String fingerprint = OrderFingerprint.of(customerId, request);
			Attempt attempt = new Attempt(customerId, totalCents, idempotencyKey, fingerprint);
			return this.customers.exists(customerId)
				.timeout(this.limits.dbStep(),
						Mono.error(() -> new QueryTimeoutException("no answer from the database")))
				.flatMap((exists) -> exists ? claimOrReplay(attempt, CLAIM_ATTEMPTS)
						: Mono.error(ProblemErrors.of(Problems.customerNotFound(customerId))));
		});
	}

	Mono<CreatedOrder> find(long customerId, long orderId) {
		return this.orders.findConfirmed(customerId, orderId)
			.switchIfEmpty(Mono.error(() -> ProblemErrors
				.of(Problems.notFound("No order " + orderId + " for customer " + customerId + "."))));
	}

	private record Attempt(long customerId, long totalCents, String key, String fingerprint) {
	}

	private Mono<Outcome> claimOrReplay(Attempt attempt, int attemptsLeft) {
		return this.orders.claim(attempt.customerId(), attempt.totalCents(), attempt.key(), attempt.fingerprint())
			.map((claim) -> new Claim(claim, true))
			.switchIfEmpty(Mono.fromSupplier(() -> new Claim(null, false)))
			.flatMap(
					(claim) -> claim.won() ? toVerdict(claim.row().order(), attempt) : existing(attempt, attemptsLeft));
	}

	/**
	 * Pays, then confirms or releases, on a subscription of its own with its own
	 * deadline: once the key is claimed, a client that leaves no longer stops the write
	 * half-way.
	 */
	private Mono<Outcome> toVerdict(CreatedOrder claimed, Attempt attempt) {
		Mono<Outcome> verdict = pay(claimed, attempt).switchIfEmpty(Mono.defer(() -> afterLostClaim(attempt)))
			.timeout(this.limits.verdict(),
					Mono.error(() -> new QueryTimeoutException("no verdict within " + this.limits.verdict())));
		return this.verdicts.shield(verdict);
	}

	private record Claim(StoredOrder row, boolean won) {
	}

	/**
	 * An error answer of the payment service is a failed payment (502, the claim given
	 * back). A call that ended without an answer (timed out, connection broken, no
	 * connection free) is not: its outcome is read from the payment service's record of
	 * the key ({@link #lookUp}).
	 */
	private Mono<Outcome> pay(CreatedOrder claimed, Attempt attempt) {
		return this.downstream.authorize(attempt.key(), attempt.totalCents())
			.onErrorResume((ex) -> (ex instanceof WebClientResponseException)
					? giveBack(claimed, ProblemErrors.of(Problems.paymentFailed(), ex)) : lookUp(claimed, attempt))
			.switchIfEmpty(Mono.defer(() -> giveBack(claimed, ProblemErrors.of(Problems.paymentFailed()))))
			.flatMap((reply) -> reply.approved()
					? this.orders.confirm(claimed.id(), reply.authorizationId())
						.map((order) -> new Outcome(order, false))
					: giveBack(claimed, ProblemErrors.of(Problems.paymentDeclined(attempt.totalCents()))));
	}

	/**
	 * Our claim was no longer PENDING at confirm: it was released as abandoned (and maybe
	 * claimed again). The key's order, if confirmed since, is the answer; otherwise the
	 * key is busy.
	 */
	private Mono<Outcome> afterLostClaim(Attempt attempt) {
		return this.orders.findByKey(attempt.key())
			.filter((stored) -> !stored.pending() && attempt.fingerprint().equals(stored.fingerprint()))
			.map((stored) -> new Outcome(stored.order(), true))
			.switchIfEmpty(Mono.error(OrderService::inProgress));
	}

	/**
	 * The payment's outcome as the payment service recorded it for the key. Never
	 * answered: nothing was paid, the claim is given back, 503. The record cannot be read
	 * either: the outcome is unknown, so the claim stays PENDING for a retry with the key
	 * or the sweeper (which reads the record again), 503. Either way a retry with the
	 * same key never pays twice.
	 */
	private Mono<PaymentReply> lookUp(CreatedOrder claimed, Attempt attempt) {
		return this.downstream.payment(attempt.key())
			.onErrorMap((ex) -> paymentUnavailable(ex))
			.switchIfEmpty(Mono.defer(() -> giveBack(claimed, paymentUnavailable(null))));
	}

	/**
	 * Releases the claim and answers {@code problem}. A database that cannot be reached
	 * for the release does not change the answer: the claim stays PENDING, nothing is
	 * confirmed, and the sweeper releases it (the payment service holds no approved
	 * payment for its key).
	 */
	private <T> Mono<T> giveBack(CreatedOrder claimed, ErrorResponseException problem) {
		return this.orders.release(claimed.id())
			.onErrorResume(ApiExceptionHandler::unreachable, (ex) -> Mono.empty())
			.then(Mono.error(problem));
	}

	private static ErrorResponseException paymentUnavailable(Throwable cause) {
		ErrorResponseException unavailable = (cause != null) ? ProblemErrors.of(Problems.paymentUnavailable(), cause)
				: ProblemErrors.of(Problems.paymentUnavailable());
		unavailable.getHeaders().set(HttpHeaders.RETRY_AFTER, Problems.RETRY_AFTER_SECONDS);
		return unavailable;
	}

	private Mono<Outcome> existing(Attempt attempt, int attemptsLeft) {
		return this.orders.findByKey(attempt.key())
			.flatMap((stored) -> answerFor(stored, attempt, attemptsLeft))
			// the holder gave the key back between our claim and this read: claim again
			.switchIfEmpty(Mono.defer(() -> retryOrBusy(attempt, attemptsLeft)));
	}

	private Mono<Outcome> answerFor(StoredOrder stored, Attempt attempt, int attemptsLeft) {
		if (isOurPendingClaim(stored, attempt)) {
			return this.orders.releaseIfOlderThan(stored.order().id(), this.limits.abandonedAfter())
				.flatMap((released) -> released ? retryOrBusy(attempt, attemptsLeft)
						: answerFromFreshRead(attempt, attemptsLeft));
		}
		return replay(stored, attempt);
	}

	/**
	 * Nothing was released: a live request's claim, or one the sweeper settled since our
	 * read. The key's row as it is now is the answer, and is not released again.
	 */
	private Mono<Outcome> answerFromFreshRead(Attempt attempt, int attemptsLeft) {
		return this.orders.findByKey(attempt.key())
			.flatMap((stored) -> replay(stored, attempt))
			.switchIfEmpty(Mono.defer(() -> retryOrBusy(attempt, attemptsLeft)));
	}

	private static boolean isOurPendingClaim(StoredOrder stored, Attempt attempt) {
		return stored.pending() && attempt.fingerprint().equals(stored.fingerprint());
	}

	private static Mono<Outcome> replay(StoredOrder stored, Attempt attempt) {
		if (!attempt.fingerprint().equals(stored.fingerprint())) {
			return Mono.error(ProblemErrors.of(Problems.idempotencyKeyReused()));
		}
		if (stored.pending()) {
			return Mono.error(inProgress());
		}
		return Mono.just(new Outcome(stored.order(), true));
	}

	private Mono<Outcome> retryOrBusy(Attempt attempt, int attemptsLeft) {
		return (attemptsLeft > 1) ? claimOrReplay(attempt, attemptsLeft - 1) : Mono.error(inProgress());
	}

	private static ErrorResponseException inProgress() {
		ErrorResponseException busy = ProblemErrors.of(Problems.idempotencyKeyInProgress());
		busy.getHeaders().set("Retry-After", "1");
		return busy;
	}

}
