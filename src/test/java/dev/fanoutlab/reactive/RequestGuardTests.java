package dev.fanoutlab.reactive;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import org.junit.jupiter.api.Test;

import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;

/** What the reactive stack refuses before WebFlux sees it, and with which status. */
class RequestGuardTests {

	@Test
	void aWellFormedRequestPasses() {
		assertThat(RequestGuard.verdict(request(HttpVersion.HTTP_1_1, "/api/info?x=%20", "x"))).isNull();
		assertThat(RequestGuard.verdict(request(HttpVersion.HTTP_1_0, "/api/info", null))).isNull();
	}

	@Test
	void whatTheCodecCouldNotReadIsRefusedByCause() {
		assertThat(status(failed(new TooLongHttpLineException("long")))).isEqualTo(414);
		assertThat(status(failed(new TooLongHttpHeaderException("large")))).isEqualTo(431);
		assertThat(status(failed(new IllegalArgumentException("bad")))).isEqualTo(400);
	}

	@Test
	void http11NeedsExactlyOneHost() {
		assertThat(status(request(HttpVersion.HTTP_1_1, "/api/info", null))).isEqualTo(400);
		HttpRequest twice = request(HttpVersion.HTTP_1_1, "/api/info", "a");
		twice.headers().add("Host", "b");
		assertThat(status(twice)).isEqualTo(400);
	}

	@Test
	void otherVersionsAre505() {
		assertThat(status(request(HttpVersion.valueOf("HTTP/9.9"), "/api/info", "x"))).isEqualTo(505);
		assertThat(status(request(HttpVersion.valueOf("HTTP/2.0"), "/api/info", "x"))).isEqualTo(505);
	}

	@Test
	void aBadEscapeNamesTheQueryOrThePath() {
		ProblemDetail query = RequestGuard.verdict(request(HttpVersion.HTTP_1_1, "/api/fanout?calls=%ZZ", "x"));
		assertThat(query.getStatus()).isEqualTo(400);
		assertThat(query.getProperties().get("errors").toString()).contains("query");
		ProblemDetail path = RequestGuard.verdict(request(HttpVersion.HTTP_1_1, "/api/%ZZ/x", "x"));
		assertThat(path.getProperties().get("errors").toString()).contains("path");
	}

	private static int status(HttpRequest request) {
		return RequestGuard.verdict(request).getStatus();
	}

	private static HttpRequest failed(Exception cause) {
		HttpRequest request = request(HttpVersion.HTTP_1_1, "/bad-request", "x");
		request.setDecoderResult(DecoderResult.failure(cause));
		return request;
	}

	private static HttpRequest request(HttpVersion version, String uri, String host) {
		HttpRequest request = new DefaultHttpRequest(version, HttpMethod.GET, uri);
		if (host != null) {
			request.headers().set("Host", host);
		}
		return request;
	}

}
