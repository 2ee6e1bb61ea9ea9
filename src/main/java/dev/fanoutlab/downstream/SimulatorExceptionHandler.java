package dev.fanoutlab.downstream;

import dev.fanoutlab.api.InvalidRequestException;
import dev.fanoutlab.api.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;

/** Every refusal as {@code application/problem+json}, never a stack trace. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class SimulatorExceptionHandler {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidRequestException ex) {
		return problem(Problems.invalidRequest(ex.errors()), null);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unreadable(ServerWebInputException ex) {
		return problem(Problems.unreadableBody("The request could not be read."), null);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> refused(ErrorResponseException ex) {
		return problem(ex.getBody(), ex);
	}

	private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem, ErrorResponseException ex) {
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(problem.getStatus())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (ex != null) {
			builder.headers(ex.getHeaders());
		}
		return builder.body(problem);
	}

}
