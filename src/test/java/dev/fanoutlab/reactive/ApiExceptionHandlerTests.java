package dev.fanoutlab.reactive;

import java.util.stream.Stream;

import dev.fanoutlab.support.DatabaseFailureCases;
import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.netty.channel.AbortedException;
import reactor.test.StepVerifier;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unexpected failure is a 500 problem while nothing is sent yet; once the answer's
 * status and headers are on their way, or the client has left, nothing more is written.
 */
class ApiExceptionHandlerTests {

	private final ApiExceptionHandler handler = new ApiExceptionHandler();

	private final MockServerWebExchange exchange = MockServerWebExchange
		.from(MockServerHttpRequest.get("/api/customers/5/overview"));

	@Test
	void aFailureBeforeTheAnswerIsA500Problem() {
		StepVerifier.create(this.handler.unexpected(new IllegalStateException("a bug"), this.exchange))
			.assertNext((answer) -> {
				assertThat(answer.getStatusCode().value()).isEqualTo(500);
				assertThat(answer.getBody().getType().toString()).endsWith("/internal-error");
			})
			.verifyComplete();
	}

	static Stream<Arguments> databaseFailures() {
		return Stream.concat(DatabaseFailureCases.driverNeutral(),
				Stream.of(Arguments.of(new R2dbcNonTransientResourceException("Connection closed"), 503),
						Arguments.of(new R2dbcTransientResourceException("too many clients"), 503),
						Arguments.of(new R2dbcTimeoutException("canceling statement"), 503),
						Arguments.of(new R2dbcBadGrammarException("relation does not exist"), 500)));
	}

	/**
	 * The same cases as blocking's {@code DatabaseFailureAnswersTests}, the same answers.
	 */
	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("databaseFailures")
	void answersADatabaseFailureAsBlockingDoes(Exception failure, int status) {
		StepVerifier.create(this.handler.databaseFailed(failure, this.exchange)).assertNext((answer) -> {
			assertThat(answer.getStatusCode().value()).isEqualTo(status);
			assertThat(answer.getBody().getType().toString())
				.endsWith((status == 503) ? "/database-unavailable" : "/internal-error");
			assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo((status == 503) ? "1" : null);
		}).verifyComplete();
	}

	@Test
	void aClientThatLeftWhileItsAnswerWasWrittenGetsNothing() {
		Exception writeFailed = new IllegalStateException("write failed",
				new AbortedException("Connection has been closed BEFORE send operation"));

		StepVerifier.create(this.handler.unexpected(writeFailed, this.exchange)).verifyComplete();
	}

	@Test
	void aFailureAfterTheAnswerWasCommittedWritesNoProblemOverIt() {
		StepVerifier.create(this.exchange.getResponse().setComplete()).verifyComplete();

		StepVerifier.create(this.handler.unexpected(new IllegalStateException("late"), this.exchange)).verifyComplete();
	}

}
