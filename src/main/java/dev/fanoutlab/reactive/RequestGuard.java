package dev.fanoutlab.reactive;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.function.Function;

import dev.fanoutlab.api.FieldError;
import dev.fanoutlab.api.LabHeaders;
import dev.fanoutlab.api.Problems;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;

import org.springframework.http.ProblemDetail;

/**
 * Right after the HTTP codec of each connection: what Reactor Netty would answer with an
 * empty body or let through is refused here with a problem document, and the connection
 * closed. A request the codec could not read (400; request line too long 414; headers too
 * large 431), an HTTP version other than 1.0 and 1.1 (505, answered as HTTP/1.1, never
 * echoed), an HTTP/1.1 request without exactly one {@code Host} (400, RFC 9112 §3.2), a
 * URI that is not one ({@code ?calls=%ZZ}: 400 naming the query, as on the other stacks;
 * Spring's adapter would answer it with an empty 400).
 */
class RequestGuard extends ChannelInboundHandlerAdapter {

	static final String NAME = "lab.requestGuard";

	private final Function<ProblemDetail, byte[]> json;

	private boolean refused;

	RequestGuard(Function<ProblemDetail, byte[]> json) {
		this.json = json;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (this.refused) {
			ReferenceCountUtil.release(msg);
			return;
		}
		ProblemDetail problem = (msg instanceof HttpRequest request) ? verdict(request) : null;
		if (problem == null) {
			ctx.fireChannelRead(msg);
			return;
		}
		this.refused = true;
		ReferenceCountUtil.release(msg);
		byte[] body = this.json.apply(problem);
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
				HttpResponseStatus.valueOf(problem.getStatus()), Unpooled.wrappedBuffer(body));
		response.headers()
			.set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
			.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
			.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
			.set(LabHeaders.STACK, "reactive");
		ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
	}

	/** The problem a request is refused with; null for a request to let through. */
	static ProblemDetail verdict(HttpRequest request) {
		DecoderResult decoded = request.decoderResult();
		if (decoded.isFailure()) {
			return Problems.protocolError(switch (decoded.cause()) {
				case TooLongHttpLineException tooLong -> 414;
				case TooLongHttpHeaderException tooLarge -> 431;
				default -> 400;
			});
		}
		HttpVersion version = request.protocolVersion();
		if (!version.protocolName().equals("HTTP") || version.majorVersion() != 1 || version.minorVersion() > 1) {
			return Problems.protocolError(505);
		}
		if (version.minorVersion() == 1 && request.headers().getAll(HttpHeaderNames.HOST).size() != 1) {
			return Problems.protocolError(400);
		}
		return invalidUri(request.uri());
	}

	private static ProblemDetail invalidUri(String uri) {
		try {
			new URI(uri);
			return null;
		}
		catch (URISyntaxException ex) {
			int query = uri.indexOf('?');
			String part = (query >= 0 && ex.getIndex() > query) ? "query" : "path";
			return Problems.invalidRequest(List.of(new FieldError(part, "is not valid percent-encoding")));
		}
	}

}
