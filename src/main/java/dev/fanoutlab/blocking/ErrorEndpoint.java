package dev.fanoutlab.blocking;

import dev.fanoutlab.api.Problems;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /error}, where the servlet container sends what failed outside Spring MVC (a
 * {@code TRACE}, a filter's {@code sendError}): a lab problem instead of Spring Boot's
 * default JSON. Asked for directly, it is an unknown endpoint.
 */
@Hidden
@RestController
class ErrorEndpoint implements ErrorController {

	@RequestMapping("/error")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		ProblemDetail problem = switch ((code instanceof Integer status) ? status : 0) {
			case 0, 404 -> Problems.noSuchEndpoint(request.getMethod(), originalUri(request));
			case 405 -> Problems.methodNotAllowed(request.getMethod());
			case 413 -> Problems.payloadTooLarge(BodySizeLimitFilter.MAX_BYTES);
			case 500 -> Problems.internalError();
			default -> Problems.protocolError((Integer) code);
		};
		return ResponseEntity.status(problem.getStatus()).body(problem);
	}

	private static String originalUri(HttpServletRequest request) {
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		return (uri instanceof String original) ? original : request.getRequestURI();
	}

}
