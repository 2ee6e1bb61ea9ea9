package dev.fanoutlab.blocking;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import dev.fanoutlab.api.LabHeaders;
import dev.fanoutlab.api.Problems;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's own refusals (a bad request line, {@code %00} in a path, a header too long),
 * which never reach Spring, as problem documents instead of Tomcat's HTML page; and any
 * other error status answered with no body at all (the actuator's unknown health
 * component, a 404 with an empty body). It takes the place of the host's
 * {@link ErrorReportValve}, with the same guards.
 */
class ProblemErrorReportValve extends ErrorReportValve {

	private final String stack;

	private final Function<ProblemDetail, byte[]> json;

	ProblemErrorReportValve(String stack, Function<ProblemDetail, byte[]> json) {
		this.stack = stack;
		this.json = json;
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0) {
			return;
		}
		// a sendError is reported once; a status set with no body has no report to claim
		if (response.isError() && !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(true);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		byte[] body = this.json
			.apply((status == 404) ? Problems.noSuchEndpoint(request.getMethod(), request.getDecodedRequestURI())
					: Problems.protocolError(status));
		try {
			response.setHeader(LabHeaders.STACK, this.stack);
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setContentLength(body.length);
			OutputStream out = response.getOutputStream();
			out.write(body);
			out.flush();
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response is closed: nothing more to tell it
		}
	}

}
