package dev.fanoutlab.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import dev.fanoutlab.api.CreateOrderRequest;
import dev.fanoutlab.api.OrderFingerprint;
import dev.fanoutlab.api.RequestValidation;

/**
 * Rows as a stack that crashed mid-payment leaves them: a PENDING claim, an hour old,
 * that no request holds; and the simulator's payment for its key, made or not. And the
 * claim's settling by the sweeper, in plain SQL, for a test that wants it at a moment of
 * its choosing.
 */
public final class AbandonedClaims {

	private AbandonedClaims() {
	}

	/**
	 * A new key claimed an hour ago; the simulator is paid {@code amountCents} first if
	 * given.
	 */
	public static String leave(String simulatorUrl, Long paidCents) {
		String key = "crashed-" + UUID.randomUUID();
		if (paidCents != null) {
			pay(simulatorUrl, key, paidCents);
		}
		claimAnHourAgo(42, 100, key, "crashed");
		return key;
	}

	/**
	 * A new key claimed an hour ago by a request for this order, which its retry will
	 * send again; the simulator is paid the order's total first if {@code paid}.
	 */
	public static String leave(String simulatorUrl, long customerId, CreateOrderRequest order, boolean paid) {
		String key = "crashed-" + UUID.randomUUID();
		long totalCents = RequestValidation.orderTotalCents(order);
		if (paid) {
			pay(simulatorUrl, key, totalCents);
		}
		claimAnHourAgo(customerId, totalCents, key, OrderFingerprint.of(customerId, order));
		return key;
	}

	/**
	 * Releases the key's claim as the sweeper does when its payment never went through.
	 */
	public static void release(String key) {
		update("DELETE FROM purchase_order WHERE idempotency_key = ? AND status = 'PENDING'", key);
	}

	/** Confirms the key's claim as the sweeper does when its payment went through. */
	public static void confirm(String key, String authorizationId) {
		update("UPDATE purchase_order SET status = 'CONFIRMED', authorization_id = ? "
				+ "WHERE idempotency_key = ? AND status = 'PENDING'", authorizationId, key);
	}

	/**
	 * The status of the key's row and its authorisation, or empty when there is no row.
	 */
	public static Optional<String> statusOf(String key) {
		TestDatabase.Endpoint db = TestDatabase.get();
		try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
				PreparedStatement statement = connection.prepareStatement(
						"SELECT status || ':' || coalesce(authorization_id, '') FROM purchase_order WHERE idempotency_key = ?")) {
			statement.setString(1, key);
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void claimAnHourAgo(long customerId, long totalCents, String key, String fingerprint) {
		update("INSERT INTO purchase_order (customer_id, total_cents, status, idempotency_key, request_hash, "
				+ "created_at) VALUES (?, ?, 'PENDING', ?, ?, now() - interval '1 hour')", customerId, totalCents, key,
				fingerprint);
	}

	private static void pay(String simulatorUrl, String key, long amountCents) {
		LabHttp.Reply paid = LabHttp.post(simulatorUrl + "/services/payments/" + key + "?latencyMs=0",
				"{\"amountCents\": " + amountCents + "}");
		if (paid.status() != 200) {
			throw new IllegalStateException(paid.body());
		}
	}

	private static void update(String sql, Object... parameters) {
		TestDatabase.Endpoint db = TestDatabase.get();
		try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
				PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			statement.executeUpdate();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
