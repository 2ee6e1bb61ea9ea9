package dev.fanoutlab.blocking;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * A body the application did not read to its end is not waited for. Tomcat would swallow
 * it after the answer, on the request's thread and at the client's pace: a refused
 * request (503, 413, 400) whose client trickles one byte every few seconds would hold a
 * thread for as long as it trickles, and enough of them hold every thread, liveness
 * included. What arrives within a short linger is read, never blocking on the socket
 * (closing on unread bytes would reset the connection and could cut the answer short); if
 * the body is still not complete, Tomcat is told not to swallow the rest, and the answer
 * goes out with {@code Connection: close}.
 */
class UnreadBodyValve extends ValveBase {

	/**
	 * The most of an unread body read before giving up on it: Tomcat's own swallow cap.
	 */
	private static final long READ_LIMIT = 2 * 1024 * 1024;

	/** How long the rest of a body may take to arrive once the answer is ready. */
	private static final Duration LINGER = Duration.ofMillis(250);

	private static final Duration POLL = Duration.ofMillis(5);

	UnreadBodyValve() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		try {
			getNext().invoke(request, response);
		}
		finally {
			if (!fullyRead(request)) {
				readWhatArrives(request);
				if (!fullyRead(request)) {
					request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
				}
			}
		}
	}

	private static boolean fullyRead(Request request) {
		AtomicBoolean fullyRead = new AtomicBoolean(true);
		request.getCoyoteRequest().action(ActionCode.REQUEST_BODY_FULLY_READ, fullyRead);
		return fullyRead.get();
	}

	/**
	 * Reads what of the body arrives within {@link #LINGER} (a client sending its body at
	 * full speed finishes; one trickling it does not), at most {@link #READ_LIMIT}, never
	 * blocking on the socket.
	 */
	private static void readWhatArrives(Request request) {
		org.apache.coyote.Request coyote = request.getCoyoteRequest();
		long lingerEnd = System.nanoTime() + LINGER.toNanos();
		try {
			InputStream in = request.getInputStream();
			byte[] buffer = new byte[8192];
			long budget = READ_LIMIT;
			while (budget > 0 && !fullyRead(request)) {
				coyote.action(ActionCode.AVAILABLE, Boolean.TRUE); // a non-blocking read
				int available = coyote.getAvailable();
				if (available > 0) {
					int n = in.read(buffer, 0, (int) Math.min(Math.min(buffer.length, available), budget));
					if (n <= 0) {
						return;
					}
					budget -= n;
				}
				else if (System.nanoTime() - lingerEnd > 0) {
					return;
				}
				else {
					LockSupport.parkNanos(POLL.toNanos());
				}
			}
		}
		catch (IOException | IllegalStateException ex) {
			// nothing more can be read (or a reader holds the body): Tomcat closes
		}
	}

}
