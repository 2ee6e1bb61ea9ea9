package dev.fanoutlab.blocking;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.mock.http.client.MockClientHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing a response returns its permit; the body is closed by Spring's own close, as the
 * response is when no limit wraps it.
 */
class ConnectionLimitResponseTests {

	private final ConnectionLimit limit = new ConnectionLimit(1, Duration.ofSeconds(1));

	@Test
	void aBodyReadToItsEndIsClosedByTheResponsesOwnClose() throws IOException {
		TrackedResponse upstream = new TrackedResponse("{\"key\":\"5\"}");
		ClientHttpResponse response = call(upstream);
		response.getBody().readAllBytes();

		response.close();

		assertThat(upstream.closedBySpring).isTrue();
		assertThat(this.limit.inUse()).isZero();
	}

	@Test
	void aBodyLeftUnreadIsDrainedByTheResponsesOwnClose() throws IOException {
		TrackedResponse upstream = new TrackedResponse("{\"key\":\"5\"}");
		ClientHttpResponse response = call(upstream);

		response.close();

		assertThat(upstream.closedBySpring).isTrue();
		assertThat(this.limit.inUse()).isZero();
	}

	@Test
	void closingTwiceReturnsOnePermit() throws IOException {
		ClientHttpResponse response = call(new TrackedResponse(""));

		response.close();
		response.close();

		assertThat(this.limit.inUse()).isZero();
		assertThat(call(new TrackedResponse(""))).isNotNull();
		assertThat(this.limit.inUse()).isOne();
	}

	private ClientHttpResponse call(TrackedResponse upstream) throws IOException {
		ClientHttpResponse response = this.limit.intercept(new MockClientHttpRequest(), new byte[0],
				(request, body) -> upstream);
		assertThat(this.limit.inUse()).isOne();
		return response;
	}

	private static final class TrackedBody extends ByteArrayInputStream {

		private boolean closed;

		TrackedBody(String content) {
			super(content.getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public void close() {
			this.closed = true;
		}

	}

	/** Spring's close as {@code JdkClientHttpResponse} does it: drain, then close. */
	private static final class TrackedResponse implements ClientHttpResponse {

		private final TrackedBody body;

		private boolean closedBySpring;

		TrackedResponse(String content) {
			this.body = new TrackedBody(content);
		}

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatus.OK;
		}

		@Override
		public String getStatusText() {
			return "OK";
		}

		@Override
		public HttpHeaders getHeaders() {
			return new HttpHeaders();
		}

		@Override
		public InputStream getBody() {
			return this.body;
		}

		@Override
		public void close() {
			this.closedBySpring = true;
			this.body.skip(Long.MAX_VALUE);
			this.body.close();
		}

	}

}
