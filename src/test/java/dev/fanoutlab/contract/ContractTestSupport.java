package dev.fanoutlab.contract;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import dev.fanoutlab.support.LabCluster;
import dev.fanoutlab.support.LabHttp;
import dev.fanoutlab.support.LabHttp.Reply;
import dev.fanoutlab.support.Simulator;
import dev.fanoutlab.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every contract test shares: the running lab, the simulator's admin API, direct
 * reads of the database, and the checks of a problem response.
 */
abstract class ContractTestSupport {

	static final List<String> STACKS = List.of("reactive", "blocking", "virtual");

	final LabCluster lab = LabCluster.get();

	final Simulator simulator = this.lab.simulator();

	@BeforeEach
	@AfterEach
	void fastSimulator() {
		this.simulator.preset("fast");
	}

	String url(String stack, String path) {
		return this.lab.url(stack) + path;
	}

	Reply get(String stack, String path) {
		Reply reply = LabHttp.get(url(stack, path));
		assertThat(reply.header("X-Lab-Stack")).as("X-Lab-Stack of %s", path).contains(stack);
		return reply;
	}

	static JsonNode assertProblem(Reply reply, int status) {
		assertThat(reply.status()).as(reply.body()).isEqualTo(status);
		assertThat(reply.contentType()).startsWith("application/problem+json");
		JsonNode problem = reply.json();
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("type").asString()).startsWith("https://fanout-lab.dev/problems/");
		assertThat(problem.path("title").asString()).isNotBlank();
		assertThat(problem.path("detail").asString()).isNotBlank();
		assertThat(reply.body()).doesNotContain("Exception", "\tat ", "SELECT ", "INSERT ");
		return problem;
	}

	static JsonNode assertInvalid(Reply reply, String field) {
		JsonNode problem = assertProblem(reply, 400);
		assertThat(problem.path("errors").isArray()).as(reply.body()).isTrue();
		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo(field);
		assertThat(problem.path("errors").get(0).path("message").asString()).isNotBlank();
		return problem;
	}

	static long ordersWithKey(String idempotencyKey) {
		return count("SELECT count(*) FROM purchase_order WHERE idempotency_key = ?", idempotencyKey);
	}

	static void execute(String sql, Object parameter) {
		TestDatabase.Endpoint db = TestDatabase.get();
		try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
				PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setObject(1, parameter);
			statement.executeUpdate();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static long count(String sql, Object parameter) {
		TestDatabase.Endpoint db = TestDatabase.get();
		try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
				PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setObject(1, parameter);
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
