package dev.fanoutlab.blocking;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies at {@link #MAX_BYTES} and at {@code deadline} to arrive. A declared
 * {@code Content-Length} over the cap is answered 413 at once, before anything reads the
 * body (so no {@code 100 Continue} is sent either). Tomcat's own limits cover forms and
 * swallowing, not a JSON body read by a message converter, so the body stream itself
 * counts: a chunked body fails as soon as it passes the cap
 * ({@link BodyTooLargeException}, a 413 from {@link ApiExceptionHandler}), a body still
 * arriving when the deadline has passed fails at its next read
 * ({@link BodyTooSlowException}, a 408). Tomcat's read timeout bounds each read only; a
 * client sending one byte every few seconds would otherwise hold a request thread (and an
 * admission permit) for as long as it likes.
 */
class BodySizeLimitFilter extends OncePerRequestFilter {

	static final int MAX_BYTES = 64 * 1024;

	private final Duration deadline;

	private final byte[] tooLarge;

	BodySizeLimitFilter(Duration deadline, byte[] tooLarge) {
		this.deadline = deadline;
		this.tooLarge = tooLarge;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > MAX_BYTES) {
			response.setStatus(413);
			response.setHeader(HttpHeaders.CONNECTION, "close");
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setContentLength(this.tooLarge.length);
			response.getOutputStream().write(this.tooLarge);
			return;
		}
		chain.doFilter(new LimitedRequest(request, System.nanoTime() + this.deadline.toNanos()), response);
	}

	/** Thrown from the body stream when the body passes the cap. */
	static class BodyTooLargeException extends IOException {

		BodyTooLargeException() {
			super("request body larger than " + MAX_BYTES + " bytes");
		}

	}

	/** Thrown from the body stream when the body is still arriving past its deadline. */
	static class BodyTooSlowException extends IOException {

		BodyTooSlowException() {
			super("request body still arriving past its deadline");
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long deadlineNanos;

		private ServletInputStream limited;

		LimitedRequest(HttpServletRequest request, long deadlineNanos) {
			super(request);
			this.deadlineNanos = deadlineNanos;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.limited == null) {
				this.limited = new LimitedInputStream(super.getInputStream(), this.deadlineNanos);
			}
			return this.limited;
		}

	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long deadlineNanos;

		private long read;

		LimitedInputStream(ServletInputStream delegate, long deadlineNanos) {
			this.delegate = delegate;
			this.deadlineNanos = deadlineNanos;
		}

		@Override
		public int read() throws IOException {
			checkDeadline();
			int b = this.delegate.read();
			if (b != -1) {
				count(1);
			}
			checkDeadline();
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			checkDeadline();
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			checkDeadline();
			return n;
		}

		private void checkDeadline() throws BodyTooSlowException {
			if (!this.delegate.isFinished() && System.nanoTime() - this.deadlineNanos > 0) {
				throw new BodyTooSlowException();
			}
		}

		private void count(int n) throws BodyTooLargeException {
			this.read += n;
			if (this.read > MAX_BYTES) {
				throw new BodyTooLargeException();
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
