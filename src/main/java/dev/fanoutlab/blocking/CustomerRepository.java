package dev.fanoutlab.blocking;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import dev.fanoutlab.api.CreatedOrder;
import dev.fanoutlab.api.Customer;
import dev.fanoutlab.api.OrderSummary;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads of customers and their latest orders: one short query each, no transaction. */
@Repository
class CustomerRepository {

	private final JdbcClient jdbc;

	CustomerRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Customer> find(long id) {
		return this.jdbc.sql("SELECT id, name, email, tier FROM customer WHERE id = ?")
			.param(id)
			.query((row, n) -> new Customer(row.getLong("id"), row.getString("name"), row.getString("email"),
					row.getString("tier")))
			.optional();
	}

	boolean exists(long id) {
		return this.jdbc.sql("SELECT count(*) FROM customer WHERE id = ?").param(id).query(Long.class).single() > 0;
	}

	/** Newest first, claims still waiting for their payment left out. */
	List<OrderSummary> latestOrders(long customerId, int limit) {
		return this.jdbc
			.sql("SELECT id, total_cents, status, created_at FROM purchase_order "
					+ "WHERE customer_id = ? AND status <> ? ORDER BY created_at DESC, id DESC LIMIT ?")
			.params(customerId, CreatedOrder.PENDING, limit)
			.query((row, n) -> new OrderSummary(row.getLong("id"), row.getLong("total_cents"), row.getString("status"),
					row.getObject("created_at", OffsetDateTime.class).toInstant()))
			.list();
	}

}
