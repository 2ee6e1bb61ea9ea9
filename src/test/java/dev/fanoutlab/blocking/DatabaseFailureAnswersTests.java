package dev.fanoutlab.blocking;

import java.sql.SQLException;
import java.util.stream.Stream;

import dev.fanoutlab.support.DatabaseFailureCases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blocking stack's answer to each database failure: the same as reactive's (its
 * {@code ApiExceptionHandlerTests} runs the same cases), 503 + Retry-After only when the
 * database cannot be reached.
 */
class DatabaseFailureAnswersTests {

	private final ApiExceptionHandler handler = new ApiExceptionHandler();

	static Stream<Arguments> cases() {
		return Stream.concat(DatabaseFailureCases.driverNeutral(),
				Stream.of(
						Arguments.of(new CannotGetJdbcConnectionException("Hikari: connection is not available"), 503),
						Arguments.of(new BadSqlGrammarException("claim", "INSERT INTO nowhere",
								new SQLException("relation does not exist", "42P01")), 500)));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("cases")
	void answersAsReactiveDoes(Exception failure, int status) {
		ResponseEntity<ProblemDetail> answer = this.handler.databaseFailed(failure);
		assertThat(answer.getStatusCode().value()).isEqualTo(status);
		assertThat(answer.getBody().getType().toString())
			.endsWith((status == 503) ? "/database-unavailable" : "/internal-error");
		assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo((status == 503) ? "1" : null);
	}

}
