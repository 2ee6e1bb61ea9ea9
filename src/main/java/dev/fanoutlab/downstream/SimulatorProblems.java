package dev.fanoutlab.downstream;

import java.util.Arrays;
import java.util.Set;

import dev.fanoutlab.api.Problems;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;

/**
 * The simulator's own RFC 9457 problems; validation problems come from {@link Problems}.
 */
final class SimulatorProblems {

	private SimulatorProblems() {
	}

	static ResponseEntity<ProblemDetail> injectedFailure(Service service, ServiceSettings settings) {
		ProblemDetail problem = Problems.of(HttpStatusCode.valueOf(settings.failStatus()), "injected-failure",
				"Injected failure", "The simulator failed this " + service.id() + " call on purpose (failRate="
						+ settings.failRate() + ", failStatus=" + settings.failStatus() + ").");
		return ResponseEntity.status(settings.failStatus())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	static ErrorResponseException unknownService(String name) {
		ProblemDetail problem = Problems.notFound("No simulated service named '" + name + "'; use one of "
				+ Arrays.stream(Service.values()).map(Service::id).toList() + ".");
		return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
	}

	static ErrorResponseException wrongMethod(Service service) {
		ProblemDetail problem = Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed",
				"The " + service.id() + " service answers " + service.method() + " only.");
		ErrorResponseException ex = new ErrorResponseException(HttpStatus.METHOD_NOT_ALLOWED, problem, null);
		ex.getHeaders().setAllow(Set.of(service.method()));
		return ex;
	}

	/** The service a path names, if it answers this method. */
	static Service resolve(String name, HttpMethod method) {
		Service service = Service.find(name).orElseThrow(() -> unknownService(name));
		if (!service.method().equals(method)) {
			throw wrongMethod(service);
		}
		return service;
	}

}
