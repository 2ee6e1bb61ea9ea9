package dev.fanoutlab.lab;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.fanoutlab.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Flyway migrations against a real PostgreSQL: the contract's schema, and the same
 * seed data on every run.
 */
class MigrationTests {

	private static TestDatabase.Endpoint db;

	@BeforeAll
	static void migrate() {
		db = TestDatabase.get();
		Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).load().migrate();
	}

	@Test
	void seedsTenThousandCustomersWithIdsOneToTenThousand() throws SQLException {
		assertThat(query("SELECT count(*) || ',' || min(id) || ',' || max(id) FROM customer"))
			.isEqualTo("10000,1,10000");
	}

	@Test
	void seedsZeroToFiveOrdersPerCustomer() throws SQLException {
		String perCustomer = "SELECT c.id, count(o.id) AS n FROM customer c "
				+ "LEFT JOIN purchase_order o ON o.customer_id = c.id AND o.idempotency_key LIKE 'seed-%' GROUP BY c.id";
		assertThat(query("SELECT min(n) || ',' || max(n) || ',' || count(DISTINCT n) FROM (" + perCustomer + ") t"))
			.isEqualTo("0,5,6");
	}

	@Test
	void seedDataIsTheSameOnEveryRun() throws SQLException {
		// fingerprints of the seeded rows, taken once and fixed here
		assertThat(query("SELECT md5(string_agg(id || name || email || tier, ',' ORDER BY id)) FROM customer"))
			.isEqualTo("a31581128ee5b4feea1cedcbccc6a0f3");
		assertThat(query("SELECT md5(string_agg(customer_id || ':' || total_cents || ':' || status || ':' "
				+ "|| idempotency_key || ':' || extract(epoch FROM created_at), ',' ORDER BY id)) "
				+ "FROM purchase_order WHERE idempotency_key LIKE 'seed-%'"))
			.isEqualTo("7d9b2f13b53ba6127e06edb1d661ca52");
		assertThat(query("SELECT name || '|' || email || '|' || tier FROM customer WHERE id = 42"))
			.isEqualTo("Barbara Dijkstra|customer42@example.com|GOLD");
	}

	@Test
	void idempotencyKeysAreUnique() throws SQLException {
		assertThat(query("SELECT count(*) FROM pg_indexes WHERE tablename = 'purchase_order' "
				+ "AND indexdef LIKE 'CREATE UNIQUE INDEX%(idempotency_key)'"))
			.isEqualTo("1");
	}

	private static String query(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}

}
