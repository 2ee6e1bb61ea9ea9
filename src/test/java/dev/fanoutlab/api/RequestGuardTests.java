package dev.fanoutlab.api;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the reactive stack and the simulator refuse before WebFlux sees it, and with which
 * status.
 */
class RequestGuardTests {

	@Test
	void aWellFormedRequestPasses() {
		assertThat(verdict(request(HttpVersion.HTTP_1_1, "/api/info?x=%20", "x"))).isNull();
		assertThat(verdict(request(HttpVersion.HTTP_1_0, "/api/info", null))).isNull();
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
		ProblemDetail query = verdict(request(HttpVersion.HTTP_1_1, "/api/fanout?calls=%ZZ", "x"));
		assertThat(query.getStatus()).isEqualTo(400);
		assertThat(query.getProperties().get("errors").toString()).contains("query");
		ProblemDetail path = verdict(request(HttpVersion.HTTP_1_1, "/api/%ZZ/x", "x"));
		assertThat(path.getProperties().get("errors").toString()).contains("path");
	}

	@Test
	void aVersionNotSpelledInCapitalsIsRefused() {
		assertThat(status(request(HttpVersion.valueOf("http/1.1"), "/api/info", "x"))).isEqualTo(400);
		assertThat(status(request(HttpVersion.valueOf("Http/1.0"), "/api/info", null))).isEqualTo(400);
	}

	@Test
	void aHostIsAHostAndAPortOnly() {
		assertThat(verdict(request(HttpVersion.HTTP_1_1, "/api/info", "localhost:8081"))).isNull();
		assertThat(verdict(request(HttpVersion.HTTP_1_1, "/api/info", "[::1]:8081"))).isNull();
		assertThat(verdict(request(HttpVersion.HTTP_1_1, "/api/info", "127.0.0.1"))).isNull();
		assertThat(status(request(HttpVersion.HTTP_1_1, "/api/info", "host/path"))).isEqualTo(400);
		assertThat(status(request(HttpVersion.HTTP_1_1, "/api/info", "user@host"))).isEqualTo(400);
		assertThat(status(request(HttpVersion.HTTP_1_1, "/api/info", "host:80x"))).isEqualTo(400);
	}

	@Test
	void onlyChunkedAloneIsATransferCodingWeRead() {
		HttpRequest chunked = request(HttpVersion.HTTP_1_1, "/api/info", "x");
		chunked.headers().set("Transfer-Encoding", "chunked");
		assertThat(verdict(chunked)).isNull();
		HttpRequest gzip = request(HttpVersion.HTTP_1_1, "/api/info", "x");
		gzip.headers().set("Transfer-Encoding", "gzip, chunked");
		assertThat(status(gzip)).isEqualTo(501);
		HttpRequest twice = request(HttpVersion.HTTP_1_1, "/api/info", "x");
		twice.headers().add("Transfer-Encoding", "chunked").add("Transfer-Encoding", "chunked");
		assertThat(status(twice)).isEqualTo(501);
	}

	@Test
	void aDeclaredBodyOverTheCapIs413BeforeAnyContinue() {
		HttpRequest large = request(HttpVersion.HTTP_1_1, "/api/customers/1/orders", "x");
		large.headers().set("Content-Length", "10000000000").set("Expect", "100-continue");
		assertThat(status(large)).isEqualTo(413);
		HttpRequest small = request(HttpVersion.HTTP_1_1, "/api/customers/1/orders", "x");
		small.headers().set("Content-Length", String.valueOf(MAX_BODY));
		assertThat(verdict(small)).isNull();
	}

	@Test
	void aBodyWhoseFramingBreaksNeverEndsAsABodyAndIsAnswered400() {
		String json = "{\"items\":[]}";
		for (String rest : List.of("XX\r\n0\r\n\r\n", "\r\nZZ\r\n\r\n", "\r\n0\r\nno colon\r\n\r\n")) {
			List<Object> passed = new ArrayList<>();
			EmbeddedChannel channel = new EmbeddedChannel(new HttpServerCodec(), new RequestGuard("test",
					(problem) -> "{}".getBytes(StandardCharsets.UTF_8), MAX_BODY, Duration.ofSeconds(10)),
					new io.netty.channel.ChannelInboundHandlerAdapter() {
						@Override
						public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
							passed.add(msg);
						}
					});
			channel
				.writeInbound(Unpooled.copiedBuffer(
						"POST /api/x HTTP/1.1\r\nHost: x\r\n" + "Transfer-Encoding: chunked\r\n\r\n"
								+ Integer.toHexString(json.length()) + "\r\n" + json + rest,
						StandardCharsets.ISO_8859_1));
			assertThat(passed).as(rest).noneMatch(LastHttpContent.class::isInstance);
			assertThat(passed).as(rest)
				.allMatch((msg) -> !(msg instanceof HttpContent content) || content.decoderResult().isSuccess());
			ByteBuf answer = channel.readOutbound();
			assertThat(answer.toString(StandardCharsets.ISO_8859_1)).as(rest).startsWith("HTTP/1.1 400 ");
			assertThat(channel.isOpen()).as("closed after the answer").isFalse();
		}
	}

	private static final long MAX_BODY = 64 * 1024;

	private static ProblemDetail verdict(HttpRequest request) {
		return RequestGuard.verdict(request, MAX_BODY);
	}

	private static int status(HttpRequest request) {
		return verdict(request).getStatus();
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
