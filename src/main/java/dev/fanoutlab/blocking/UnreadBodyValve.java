package dev.fanoutlab.blocking;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * A body the application did not read to its end is not read by Tomcat either. Tomcat
 * would swallow it after the answer, on the request's thread and at the client's pace: a
 * refused request (503, 413, 400) whose client trickles one byte every few seconds would
 * hold a thread for as long as it trickles, and enough of them hold every thread,
 * liveness included. The answer goes out as it is, with {@code Connection: close}, and
 * the connection ends.
 */
class UnreadBodyValve extends ValveBase {

	UnreadBodyValve() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		try {
			getNext().invoke(request, response);
		}
		finally {
			AtomicBoolean fullyRead = new AtomicBoolean(true);
			request.getCoyoteRequest().action(ActionCode.REQUEST_BODY_FULLY_READ, fullyRead);
			if (!fullyRead.get()) {
				request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
			}
		}
	}

}
