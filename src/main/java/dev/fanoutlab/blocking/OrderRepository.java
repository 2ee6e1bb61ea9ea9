package dev.fanoutlab.blocking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import dev.fanoutlab.api.CreatedOrder;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The writes of the idempotent create: claim the key, confirm it, or release it. Each is
 * one statement in autocommit, so no transaction (and no connection) is ever held across
 * the payment call, and there is no BEGIN, COMMIT or rollback to fail on a lost
 * connection: the statement either committed or did not. What guards them is the
 * statement itself: the unique key for the claim, {@code status = 'PENDING'} for the
 * confirm and the releases. A database that stops answering ends each step with the JDBC
 * {@code socketTimeout} (application-blocking.yml, {@code WriteLimits.DB_SOCKET}): a 503.
 */
@Repository
class OrderRepository {

	private static final String COLUMNS = "id, customer_id, total_cents, status, created_at, authorization_id, "
			+ "request_hash";

	private final JdbcClient jdbc;

	OrderRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A stored order with the fingerprint of the request that created it. */
	record StoredOrder(CreatedOrder order, String fingerprint) {
	}

	/** A claim no live request holds any more: the sweeper settles it. */
	record AbandonedClaim(long id, String idempotencyKey) {
	}

	/** Claims the key with a PENDING row; empty when another request holds it already. */
	Optional<Long> claim(long customerId, long totalCents, String key, String fingerprint) {
		return this.jdbc
			.sql("INSERT INTO purchase_order (customer_id, total_cents, status, idempotency_key, request_hash) "
					+ "VALUES (?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id")
			.params(customerId, totalCents, CreatedOrder.PENDING, key, fingerprint)
			.query(Long.class)
			.optional();
	}

	/**
	 * Confirms the claim if it is still PENDING; empty when it is not (it was released as
	 * abandoned, and maybe claimed again by another request).
	 */
	Optional<CreatedOrder> confirm(long id, String authorizationId) {
		return this.jdbc
			.sql("UPDATE purchase_order SET status = ?, authorization_id = ? WHERE id = ? AND status = ? RETURNING "
					+ COLUMNS)
			.params(CreatedOrder.CONFIRMED, authorizationId, id, CreatedOrder.PENDING)
			.query(OrderRepository::stored)
			.optional()
			.map(StoredOrder::order);
	}

	/** The oldest PENDING claims older than {@code age}, at most {@code limit}. */
	List<AbandonedClaim> abandonedClaims(Duration age, int limit) {
		return this.jdbc
			.sql("SELECT id, idempotency_key FROM purchase_order WHERE status = ? "
					+ "AND created_at < now() - make_interval(secs => ?) ORDER BY created_at LIMIT ?")
			.params(CreatedOrder.PENDING, age.toMillis() / 1000.0, limit)
			.query((row, n) -> new AbandonedClaim(row.getLong("id"), row.getString("idempotency_key")))
			.list();
	}

	/**
	 * Gives a claimed key back; true when the claim was still PENDING and is gone now.
	 */
	boolean release(long id) {
		return this.jdbc.sql("DELETE FROM purchase_order WHERE id = ? AND status = ?")
			.params(id, CreatedOrder.PENDING)
			.update() > 0;
	}

	/**
	 * Deletes a claim abandoned by a request that never finished; true when there was
	 * one.
	 */
	boolean releaseIfOlderThan(long id, Duration age) {
		return this.jdbc
			.sql("DELETE FROM purchase_order WHERE id = ? AND status = ? "
					+ "AND created_at < now() - make_interval(secs => ?)")
			.params(id, CreatedOrder.PENDING, age.toMillis() / 1000.0)
			.update() > 0;
	}

	Optional<StoredOrder> findByKey(String key) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM purchase_order WHERE idempotency_key = ?")
			.param(key)
			.query(OrderRepository::stored)
			.optional();
	}

	/** An order of the customer that is not a pending claim. */
	Optional<CreatedOrder> find(long customerId, long orderId) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM purchase_order WHERE id = ? AND customer_id = ? AND status <> ?")
			.params(orderId, customerId, CreatedOrder.PENDING)
			.query(OrderRepository::stored)
			.optional()
			.map(StoredOrder::order);
	}

	private static StoredOrder stored(ResultSet row, int n) throws SQLException {
		CreatedOrder order = new CreatedOrder(row.getLong("id"), row.getLong("customer_id"), row.getLong("total_cents"),
				row.getString("status"), row.getObject("created_at", OffsetDateTime.class).toInstant(),
				row.getString("authorization_id"));
		return new StoredOrder(order, row.getString("request_hash"));
	}

}
