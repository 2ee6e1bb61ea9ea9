package dev.fanoutlab.downstream;

import java.util.Arrays;

import dev.fanoutlab.api.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The simulator's own RFC 9457 problems; validation problems come from {@link Problems}.
 */
final class SimulatorProblems {

	private SimulatorProblems() {
	}

	static ProblemDetail injectedFailure(Service service, ServiceSettings settings) {
		return Problems.of(HttpStatusCode.valueOf(settings.failStatus()), "injected-failure", "Injected failure",
				"The simulator failed this " + service.id() + " call on purpose (failRate=" + settings.failRate()
						+ ", failStatus=" + settings.failStatus() + ").");
	}

	static ProblemDetail unknownService(String name) {
		return Problems.notFound("No simulated service named '" + name + "'; use one of "
				+ Arrays.stream(Service.values()).map(Service::id).toList() + ".");
	}

	static ProblemDetail wrongMethod(Service service) {
		return Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed",
				"The " + service.id() + " service answers " + service.method() + " only.");
	}

	static ProblemDetail paymentNotFound() {
		return Problems.notFound("No payment was answered for this key.");
	}

}
