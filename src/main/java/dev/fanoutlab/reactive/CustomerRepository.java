package dev.fanoutlab.reactive;

import java.time.Instant;
import java.util.List;

import dev.fanoutlab.api.Customer;
import dev.fanoutlab.api.OrderSummary;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** Customers and their latest orders, read with R2DBC: no thread waits for a row. */
@Repository
class CustomerRepository {

	private final DatabaseClient db;

	CustomerRepository(DatabaseClient db) {
		this.db = db;
	}

	/** Empty when there is no such customer. */
	Mono<Customer> find(long id) {
		return this.db.sql("SELECT id, name, email, tier FROM customer WHERE id = :id")
			.bind("id", id)
			.map((row) -> new Customer(row.get("id", Long.class), row.get("name", String.class),
					row.get("email", String.class), row.get("tier", String.class)))
			.one();
	}

	Mono<Boolean> exists(long id) {
		return this.db.sql("SELECT 1 FROM customer WHERE id = :id")
			.bind("id", id)
			.map((row) -> true)
			.one()
			.defaultIfEmpty(false);
	}

	/** Newest first, claims still awaiting their payment left out. */
	Mono<List<OrderSummary>> latestOrders(long customerId, int limit) {
		return this.db
			.sql("SELECT id, total_cents, status, created_at FROM purchase_order "
					+ "WHERE customer_id = :customerId AND status <> 'PENDING' "
					+ "ORDER BY created_at DESC, id DESC LIMIT :limit")
			.bind("customerId", customerId)
			.bind("limit", limit)
			.map((row) -> new OrderSummary(row.get("id", Long.class), row.get("total_cents", Long.class),
					row.get("status", String.class), row.get("created_at", Instant.class)))
			.all()
			.collectList();
	}

}
