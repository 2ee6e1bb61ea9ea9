package dev.fanoutlab.blocking;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import dev.fanoutlab.api.CreatedOrder;
import dev.fanoutlab.api.Customer;
import dev.fanoutlab.api.OrderSummary;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads of customers and their latest orders: one short query each, no transaction. The
 * overview's reads are {@link DatabaseRead}s: bounded by its deadline, stoppable without
 * losing the connection.
 */
@Repository
public class CustomerRepository {

	private static final String CUSTOMER = "SELECT id, name, email, tier FROM customer WHERE id = ?";

	private static final String LATEST_ORDERS = "SELECT id, total_cents, status, created_at FROM purchase_order "
			+ "WHERE customer_id = ? AND status <> ? ORDER BY created_at DESC, id DESC LIMIT ?";

	private static final RowMapper<Customer> CUSTOMER_ROW = (row, n) -> new Customer(row.getLong("id"),
			row.getString("name"), row.getString("email"), row.getString("tier"));

	private static final RowMapper<OrderSummary> ORDER_ROW = (row, n) -> new OrderSummary(row.getLong("id"),
			row.getLong("total_cents"), row.getString("status"),
			row.getObject("created_at", OffsetDateTime.class).toInstant());

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	CustomerRepository(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	public Optional<Customer> find(long id, DatabaseRead read) {
		return query(read, CUSTOMER_ROW, CUSTOMER, id).stream().findFirst();
	}

	/** Newest first, claims still waiting for their payment left out. */
	public List<OrderSummary> latestOrders(long customerId, int limit, DatabaseRead read) {
		return query(read, ORDER_ROW, LATEST_ORDERS, customerId, CreatedOrder.PENDING, limit);
	}

	private <T> List<T> query(DatabaseRead read, RowMapper<T> rows, String sql, Object... params) {
		try {
			return this.template.query((connection) -> {
				var statement = read.bound(connection.prepareStatement(sql));
				for (int i = 0; i < params.length; i++) {
					statement.setObject(i + 1, params[i]);
				}
				return statement;
			}, rows);
		}
		finally {
			read.done();
		}
	}

	boolean exists(long id) {
		return this.jdbc.sql("SELECT count(*) FROM customer WHERE id = ?").param(id).query(Long.class).single() > 0;
	}

}
