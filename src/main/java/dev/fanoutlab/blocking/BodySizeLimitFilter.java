package dev.fanoutlab.blocking;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies at {@link #MAX_BYTES}. Tomcat's own limits cover forms and
 * swallowing, not a JSON body read by a message converter, so the body stream itself
 * counts: a declared {@code Content-Length} over the cap fails on the first read, a
 * chunked body as soon as it passes the cap. The failure surfaces as
 * {@link BodyTooLargeException}, which {@link ApiExceptionHandler} turns into a 413.
 */
class BodySizeLimitFilter extends OncePerRequestFilter {

	static final int MAX_BYTES = 64 * 1024;

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new LimitedRequest(request), response);
	}

	/** Thrown from the body stream when the body passes the cap. */
	static class BodyTooLargeException extends IOException {

		BodyTooLargeException() {
			super("request body larger than " + MAX_BYTES + " bytes");
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private ServletInputStream limited;

		LimitedRequest(HttpServletRequest request) {
			super(request);
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.limited == null) {
				this.limited = new LimitedInputStream(super.getInputStream(), getContentLengthLong());
			}
			return this.limited;
		}

	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long declaredLength;

		private long read;

		LimitedInputStream(ServletInputStream delegate, long declaredLength) {
			this.delegate = delegate;
			this.declaredLength = declaredLength;
		}

		@Override
		public int read() throws IOException {
			checkDeclaredLength();
			int b = this.delegate.read();
			if (b != -1) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			checkDeclaredLength();
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void checkDeclaredLength() throws BodyTooLargeException {
			if (this.declaredLength > MAX_BYTES) {
				throw new BodyTooLargeException();
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
