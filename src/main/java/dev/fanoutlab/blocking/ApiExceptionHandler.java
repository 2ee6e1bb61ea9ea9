package dev.fanoutlab.blocking;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;

import dev.fanoutlab.api.DatabaseFailures;
import dev.fanoutlab.api.FieldError;
import dev.fanoutlab.api.InvalidRequestException;
import dev.fanoutlab.api.Problems;
import dev.fanoutlab.api.StrictJson;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every failure as an RFC 9457 problem from {@code api.Problems}, the same on every
 * stack. The framework's own errors (unknown path, 405, 406, 415, unreadable body) come
 * through the base class and are reshaped here; nothing leaks a stack trace or SQL.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Log log = LogFactory.getLog(ApiExceptionHandler.class);

	private final DatabaseFailures databaseFailures = new DatabaseFailures(log);

	@ExceptionHandler(InvalidRequestException.class)
	ResponseEntity<ProblemDetail> invalid(InvalidRequestException ex) {
		return answer(Problems.invalidRequest(ex.errors()), HttpHeaders.EMPTY);
	}

	@ExceptionHandler(ProblemException.class)
	ResponseEntity<ProblemDetail> problem(ProblemException ex) {
		return answer(ex.problem(), ex.headers());
	}

	@ExceptionHandler(BodySizeLimitFilter.BodyTooLargeException.class)
	ResponseEntity<ProblemDetail> tooLarge(BodySizeLimitFilter.BodyTooLargeException ex) {
		return answer(Problems.payloadTooLarge(BodySizeLimitFilter.MAX_BYTES), HttpHeaders.EMPTY);
	}

	@ExceptionHandler(BodySizeLimitFilter.BodyTooSlowException.class)
	ResponseEntity<ProblemDetail> tooSlow(BodySizeLimitFilter.BodyTooSlowException ex) {
		return answer(Problems.protocolError(408), HttpHeaders.EMPTY);
	}

	/**
	 * Connection refused, Hikari's acquire timeout, a broken or terminated connection:
	 * the database cannot be reached, 503 + {@code Retry-After} (logged at most every few
	 * seconds). Any other database failure is a bug: 500. The same rule as reactive's
	 * ({@link DatabaseFailures}).
	 */
	@ExceptionHandler({ DataAccessException.class, TransactionException.class })
	ResponseEntity<ProblemDetail> databaseFailed(Exception ex) {
		if (!DatabaseFailures.unreachable(ex)) {
			return unexpected(ex);
		}
		this.databaseFailures.warnUnreachable(ex);
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Problems.RETRY_AFTER_SECONDS);
		return answer(Problems.databaseUnavailable(), headers);
	}

	/** A query string Tomcat cannot decode ({@code ?calls=%ZZ}): the client's fault. */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<ProblemDetail> badQuery(InvalidParameterException ex) {
		return answer(Problems.invalidRequest(List.of(new FieldError("query", "is not valid percent-encoding"))),
				HttpHeaders.EMPTY);
	}

	@ExceptionHandler(RejectedExecutionException.class)
	ResponseEntity<ProblemDetail> overloaded(RejectedExecutionException ex) {
		return answer(Problems.overloaded(), HttpHeaders.EMPTY);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		log.error("Unexpected failure", ex);
		return answer(Problems.internalError(), HttpHeaders.EMPTY);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = causedBy(ex, BodySizeLimitFilter.BodyTooLargeException.class)
				? Problems.payloadTooLarge(BodySizeLimitFilter.MAX_BYTES)
				: causedBy(ex, BodySizeLimitFilter.BodyTooSlowException.class) ? Problems.protocolError(408)
						: StrictJson.fieldError(ex)
							.map((error) -> Problems.invalidRequest(List.of(error)))
							.orElseGet(() -> Problems.unreadableBody(Problems.UNREADABLE_BODY));
		return handleExceptionInternal(ex, problem, headers, HttpStatusCode.valueOf(problem.getStatus()), request);
	}

	/** The base class's generic bodies, replaced by the lab's problems. */
	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = reshaped(body, status, request);
		return new ResponseEntity<>(problem, headers, HttpStatusCode.valueOf(problem.getStatus()));
	}

	private static ProblemDetail reshaped(@Nullable Object body, HttpStatusCode status, WebRequest request) {
		HttpServletRequest servletRequest = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
		String method = (servletRequest != null) ? servletRequest.getMethod() : "";
		return switch (status.value()) {
			case 404 -> isLabProblem(body) ? (ProblemDetail) body
					: Problems.noSuchEndpoint(method, (servletRequest != null) ? servletRequest.getRequestURI() : "");
			case 405 -> Problems.methodNotAllowed(method);
			case 406 -> Problems.notAcceptable();
			case 415 -> Problems.unsupportedMediaType();
			default -> (body instanceof ProblemDetail problem) ? problem : ProblemDetail.forStatus(status);
		};
	}

	private static boolean isLabProblem(@Nullable Object body) {
		return body instanceof ProblemDetail problem && problem.getType() != null
				&& problem.getType().toString().startsWith("https://");
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem, HttpHeaders headers) {
		return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
	}

}
