package dev.fanoutlab.downstream;

import java.net.URI;
import java.util.Locale;

import dev.fanoutlab.api.InvalidRequestException;
import dev.fanoutlab.api.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
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

	private static final URI ABOUT_BLANK = URI.create("about:blank");

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidRequestException ex) {
		return problem(Problems.invalidRequest(ex.errors()), null);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unreadable(ServerWebInputException ex) {
		return problem(Problems.unreadableBody("The request could not be read."), null);
	}

	/** Our own refusals (404, 405) and the framework's (415, unknown path, ...). */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> refused(ErrorResponseException ex) {
		ProblemDetail problem = ex.getBody();
		if (ABOUT_BLANK.equals(problem.getType())) {
			HttpStatus status = HttpStatus.resolve(problem.getStatus());
			String reason = (status != null) ? status.getReasonPhrase() : "Error";
			ProblemDetail typed = Problems.of(ex.getStatusCode(), reason.toLowerCase(Locale.ROOT).replace(' ', '-'),
					reason, (problem.getDetail() != null) ? problem.getDetail() : reason + ".");
			typed.setInstance(problem.getInstance());
			problem = typed;
		}
		return problem(problem, ex);
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
