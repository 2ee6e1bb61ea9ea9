package dev.fanoutlab.reactive;

import java.util.function.IntFunction;

import dev.fanoutlab.api.LabHeaders;
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

/**
 * Right after the HTTP codec of each connection: what Reactor Netty would answer with an
 * empty body or let through is refused here with a problem document, and the connection
 * closed. A request the codec could not read (400; request line too long 414; headers too
 * large 431), an HTTP version other than 1.0 and 1.1 (505, answered as HTTP/1.1, never
 * echoed), an HTTP/1.1 request without exactly one {@code Host} (400, RFC 9112 §3.2).
 */
class RequestGuard extends ChannelInboundHandlerAdapter {

	static final String NAME = "lab.requestGuard";

	private final IntFunction<byte[]> problems;

	private boolean refused;

	RequestGuard(IntFunction<byte[]> problems) {
		this.problems = problems;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (this.refused) {
			ReferenceCountUtil.release(msg);
			return;
		}
		int status = (msg instanceof HttpRequest request) ? verdict(request) : 0;
		if (status == 0) {
			ctx.fireChannelRead(msg);
			return;
		}
		this.refused = true;
		ReferenceCountUtil.release(msg);
		byte[] body = this.problems.apply(status);
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
				HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
		response.headers()
			.set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
			.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
			.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
			.set(LabHeaders.STACK, "reactive");
		ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
	}

	static int verdict(HttpRequest request) {
		DecoderResult decoded = request.decoderResult();
		if (decoded.isFailure()) {
			return switch (decoded.cause()) {
				case TooLongHttpLineException tooLong -> 414;
				case TooLongHttpHeaderException tooLarge -> 431;
				default -> 400;
			};
		}
		HttpVersion version = request.protocolVersion();
		if (!version.protocolName().equals("HTTP") || version.majorVersion() != 1 || version.minorVersion() > 1) {
			return 505;
		}
		if (version.minorVersion() == 1 && request.headers().getAll(HttpHeaderNames.HOST).size() != 1) {
			return 400;
		}
		return 0;
	}

}
