package dev.fanoutlab.reactive;

import java.time.Duration;
import java.time.Instant;

import dev.fanoutlab.api.CreatedOrder;
import dev.fanoutlab.api.LabProperties;
import dev.fanoutlab.api.WriteLimits;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The rows behind an idempotent create. Each write is one statement in autocommit (no
 * BEGIN or COMMIT round trip, nothing to roll back on a lost connection), so no
 * connection is held while the payment is authorised; the statement itself is the guard:
 * the unique key for the claim, {@code status = 'PENDING'} for the confirm and the
 * releases. Each step has a deadline ({@link WriteLimits#dbStep()}): a database that
 * stops answering (paused, black-holed) is a {@link QueryTimeoutException}, a 503, never
 * a request that waits for ever.
 */
@Repository
class OrderRepository {

	private static final String COLUMNS = "id, customer_id, total_cents, status, created_at, authorization_id, request_hash";

	private final DatabaseClient db;

	private final Duration stepDeadline;

	OrderRepository(DatabaseClient db, LabProperties lab) {
		this.db = db;
		this.stepDeadline = WriteLimits.of(lab).dbStep();
	}

	/** A claim no live request holds any more: the sweeper settles it. */
	record AbandonedClaim(long id, String idempotencyKey) {
	}

	/** A stored order and the fingerprint of the request that created it. */
	record StoredOrder(CreatedOrder order, String fingerprint) {

		boolean pending() {
			return CreatedOrder.PENDING.equals(this.order.status());
		}

	}

	/** Claims the key with a PENDING row; empty when another request holds it already. */
	Mono<StoredOrder> claim(long customerId, long totalCents, String idempotencyKey, String fingerprint) {
		return this.db
			.sql("INSERT INTO purchase_order (customer_id, total_cents, status, idempotency_key, request_hash) "
					+ "VALUES (:customerId, :totalCents, 'PENDING', :key, :hash) "
					+ "ON CONFLICT (idempotency_key) DO NOTHING RETURNING " + COLUMNS)
			.bind("customerId", customerId)
			.bind("totalCents", totalCents)
			.bind("key", idempotencyKey)
			.bind("hash", fingerprint)
			.map(OrderRepository::stored)
			.one()
			.as(this::withDeadline);
	}

	/**
	 * Confirms the claim if it is still PENDING; empty when it is not (it was released as
	 * abandoned, and maybe claimed again by another request).
	 */
	Mono<CreatedOrder> confirm(long orderId, String authorizationId) {
		return this.db
			.sql("UPDATE purchase_order SET status = 'CONFIRMED', authorization_id = :auth "
					+ "WHERE id = :id AND status = 'PENDING' RETURNING " + COLUMNS)
			.bind("auth", authorizationId)
			.bind("id", orderId)
			.map((row) -> stored(row).order())
			.one()
			.as(this::withDeadline);
	}

	/**
	 * Gives a claimed key back (the payment was declined or failed); true when the claim
	 * was still PENDING and is gone now.
	 */
	Mono<Boolean> release(long orderId) {
		return this.db.sql("DELETE FROM purchase_order WHERE id = :id AND status = 'PENDING'")
			.bind("id", orderId)
			.fetch()
			.rowsUpdated()
			.map((deleted) -> deleted > 0)
			.as(this::withDeadline);
	}

	/** Deletes a claim abandoned by a cancelled request; true when there was one. */
	Mono<Boolean> releaseIfOlderThan(long orderId, Duration age) {
		return this.db
			.sql("DELETE FROM purchase_order WHERE id = :id AND status = 'PENDING' "
					+ "AND created_at < now() - make_interval(secs => :seconds)")
			.bind("id", orderId)
			.bind("seconds", (double) age.toMillis() / 1000)
			.fetch()
			.rowsUpdated()
			.map((deleted) -> deleted > 0)
			.as(this::withDeadline);
	}

	Mono<StoredOrder> findByKey(String idempotencyKey) {
		return this.db.sql("SELECT " + COLUMNS + " FROM purchase_order WHERE idempotency_key = :key")
			.bind("key", idempotencyKey)
			.map(OrderRepository::stored)
			.one()
			.as(this::withDeadline);
	}

	/** The oldest PENDING claims older than {@code age}, at most {@code limit}. */
	Flux<AbandonedClaim> abandonedClaims(Duration age, int limit) {
		return this.db
			.sql("SELECT id, idempotency_key FROM purchase_order WHERE status = 'PENDING' "
					+ "AND created_at < now() - make_interval(secs => :seconds) ORDER BY created_at LIMIT :limit")
			.bind("seconds", (double) age.toMillis() / 1000)
			.bind("limit", limit)
			.map((row) -> new AbandonedClaim(row.get("id", Long.class), row.get("idempotency_key", String.class)))
			.all()
			.timeout(this.stepDeadline, Flux.error(() -> new QueryTimeoutException("no answer from the database")));
	}

	private <T> Mono<T> withDeadline(Mono<T> step) {
		return step.timeout(this.stepDeadline,
				Mono.error(() -> new QueryTimeoutException("no answer from the database within " + this.stepDeadline)));
	}

	/** A confirmed (or later) order of this customer; empty otherwise. */
	Mono<CreatedOrder> findConfirmed(long customerId, long orderId) {
		return this.db
			.sql("SELECT " + COLUMNS + " FROM purchase_order "
					+ "WHERE id = :id AND customer_id = :customerId AND status <> 'PENDING'")
			.bind("id", orderId)
			.bind("customerId", customerId)
			.map((row) -> stored(row).order())
			.one()
			.as(this::withDeadline);
	}

	private static StoredOrder stored(Readable row) {
		CreatedOrder order = new CreatedOrder(row.get("id", Long.class), row.get("customer_id", Long.class),
				row.get("total_cents", Long.class), row.get("status", String.class),
				row.get("created_at", Instant.class), row.get("authorization_id", String.class));
		return new StoredOrder(order, row.get("request_hash", String.class));
	}

}
