package dev.fanoutlab.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * Rows as a stack that crashed mid-payment leaves them: a PENDING claim, an hour old,
 * that no request holds; and the simulator's payment for its key, made or not.
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
			LabHttp.Reply paid = LabHttp.post(simulatorUrl + "/services/payments/" + key + "?latencyMs=0",
					"{\"amountCents\": " + paidCents + "}");
			if (paid.status() != 200) {
				throw new IllegalStateException(paid.body());
			}
		}
		update("INSERT INTO purchase_order (customer_id, total_cents, status, idempotency_key, request_hash, "
				+ "created_at) VALUES (42, 100, 'PENDING', ?, 'crashed', now() - interval '1 hour')", key);
		return key;
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

	private static void update(String sql, String key) {
		TestDatabase.Endpoint db = TestDatabase.get();
		try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
				PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, key);
			statement.executeUpdate();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
