package dev.fanoutlab.reactive;

import org.junit.jupiter.api.Test;
import reactor.netty.channel.AbortedException;
import reactor.test.StepVerifier;

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
