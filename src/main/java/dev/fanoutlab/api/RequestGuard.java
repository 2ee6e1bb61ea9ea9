package dev.fanoutlab.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;

import org.springframework.http.ProblemDetail;

/**
 * Right after the HTTP codec of each Reactor Netty connection (the reactive stack and the
 * simulator): what Reactor Netty would answer with an empty body or let through is
 * refused here with a problem document, and the connection closed.
 * <p>
 * A request the codec could not read (400; request line too long 414; headers too large
 * 431), an HTTP version other than 1.0 and 1.1 (505, answered as HTTP/1.1, never echoed)
 * or one not spelled as such ({@code http/1.1}: 400), an HTTP/1.1 request without exactly
 * one {@code Host} or with one that is not a host and port (400, RFC 9112 §3.2), a
 * transfer coding other than {@code chunked} alone (501, RFC 9112 §6.1: a coding we
 * ignored would frame the body wrongly), a declared body over the cap (413, before any
 * {@code 100 Continue}), a URI that is not one ({@code ?calls=%ZZ}: 400 naming the
 * query).
 * <p>
 * A body whose framing breaks (a bad chunk size, no CRLF after a chunk, a bad trailer):
 * the codec reports it on the last content, which Reactor Netty would take as the end of
 * a complete body, so a JSON document that came before would reach the controller. It is
 * never passed on: the request is answered 400 (or, when its answer has begun, the
 * connection closed), and the close fails the body the application is reading.
 * <p>
 * A body that has not arrived whole within the body deadline (a client trickling a byte
 * every few seconds, each read inside the read timeout) is answered 408 the same way: it
 * would hold its admission permit for as long as it trickles.
 */
public final class RequestGuard extends ChannelDuplexHandler {

	public static final String NAME = "lab.requestGuard";

	/** RFC 3986 host (IP-literal, IPv4 or reg-name) and an optional port. */
	private static final Pattern HOST = Pattern
		.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._~!$&'()*+,;=%-]*)(:[0-9]*)?");

	private final String stack;

	private final Function<ProblemDetail, byte[]> json;

	private final long maxBodyBytes;

	private final Duration bodyDeadline;

	private boolean refused;

	private ScheduledFuture<?> bodyTimer;

	/** Requests read whose answer has not been written to its end. */
	private int unanswered;

	private boolean answering;

	/**
	 * @param stack the {@code X-Lab-Stack} of a refusal, or null for none
	 * @param json writes a problem as JSON
	 * @param maxBodyBytes the largest body the application reads
	 * @param bodyDeadline the time a body may take to arrive whole, from its headers
	 */
	public RequestGuard(String stack, Function<ProblemDetail, byte[]> json, long maxBodyBytes, Duration bodyDeadline) {
		this.stack = stack;
		this.json = json;
		this.maxBodyBytes = maxBodyBytes;
		this.bodyDeadline = bodyDeadline;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (this.refused) {
			ReferenceCountUtil.release(msg);
			return;
		}
		if (msg instanceof HttpRequest request) {
			ProblemDetail problem = verdict(request, this.maxBodyBytes);
			if (problem != null) {
				refuse(ctx, msg, problem);
				return;
			}
			this.unanswered++;
			if (!(msg instanceof LastHttpContent) && hasBody(request)) {
				this.bodyTimer = ctx.executor()
					.schedule(() -> bodyTooSlow(ctx), this.bodyDeadline.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
			// the framing broke: the body is not complete, whatever came before
			refuse(ctx, msg, answerable() ? Problems.protocolError(400) : null);
			return;
		}
		if (msg instanceof LastHttpContent) {
			cancelBodyTimer();
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		cancelBodyTimer();
		super.channelInactive(ctx);
	}

	private void bodyTooSlow(ChannelHandlerContext ctx) {
		if (!this.refused && this.bodyTimer != null) {
			refuse(ctx, null, answerable() ? Problems.protocolError(408) : null);
		}
	}

	private boolean answerable() {
		return this.unanswered == 1 && !this.answering;
	}

	private void cancelBodyTimer() {
		if (this.bodyTimer != null) {
			this.bodyTimer.cancel(false);
			this.bodyTimer = null;
		}
	}

	private static boolean hasBody(HttpRequest request) {
		return HttpUtil.isTransferEncodingChunked(request) || declaredLength(request) > 0;
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (msg instanceof HttpResponse response && response.status().code() >= 200) {
			this.answering = true;
		}
		if (msg instanceof LastHttpContent && this.answering) {
			this.answering = false;
			this.unanswered = Math.max(0, this.unanswered - 1);
		}
		ctx.write(msg, promise);
	}

	/** Answers {@code problem} (or nothing, when null) and closes the connection. */
	private void refuse(ChannelHandlerContext ctx, Object msg, ProblemDetail problem) {
		this.refused = true;
		cancelBodyTimer();
		ReferenceCountUtil.release(msg);
		if (problem == null) {
			ctx.close();
			return;
		}
		byte[] body = this.json.apply(problem);
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
				HttpResponseStatus.valueOf(problem.getStatus()), Unpooled.wrappedBuffer(body));
		response.headers()
			.set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
			.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
			.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		if (this.stack != null) {
			response.headers().set(LabHeaders.STACK, this.stack);
		}
		ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
	}

	/** The problem a request is refused with; null for a request to let through. */
	static ProblemDetail verdict(HttpRequest request, long maxBodyBytes) {
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
		if (version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
			// the codec upper-cases what it reads: only its own constants were spelled
			// "HTTP/1.x"
			return Problems.protocolError(400);
		}
		List<String> hosts = request.headers().getAll(HttpHeaderNames.HOST);
		if ((version.minorVersion() == 1 && hosts.size() != 1)
				|| hosts.stream().anyMatch((host) -> !HOST.matcher(host).matches())) {
			return Problems.protocolError(400);
		}
		List<String> codings = request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
		if (!codings.isEmpty() && (codings.size() != 1 || !codings.get(0).trim().equalsIgnoreCase("chunked"))) {
			return Problems.protocolError(501);
		}
		if (declaredLength(request) > maxBodyBytes) {
			return Problems.payloadTooLarge(maxBodyBytes);
		}
		return invalidUri(request.uri());
	}

	private static long declaredLength(HttpRequest request) {
		String length = request.headers().get(HttpHeaderNames.CONTENT_LENGTH);
		try {
			return (length != null) ? Long.parseLong(length.trim()) : -1;
		}
		catch (NumberFormatException ex) {
			return -1; // the codec has refused what is not a length
		}
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
