package dev.fanoutlab.reactive;

import java.util.List;

import dev.fanoutlab.api.DatabaseFailures;
import dev.fanoutlab.api.InvalidRequestException;
import dev.fanoutlab.api.Problems;
import dev.fanoutlab.api.StrictJson;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * Every failure as an RFC 9457 problem from {@code api.Problems}, the same on every
 * stack. The framework's own errors (unknown path, 405, 406, 415, unreadable body) come
 * through the base class and are reshaped here; nothing leaks a stack trace or SQL.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	static final long MAX_BODY_BYTES = 64 * 1024;

	private static final Log log = LogFactory.getLog(ApiExceptionHandler.class);

	private final DatabaseFailures databaseFailures = new DatabaseFailures(log);

	@ExceptionHandler(InvalidRequestException.class)
	ResponseEntity<ProblemDetail> invalid(InvalidRequestException ex) {
		return answer(Problems.invalidRequest(ex.errors()));
	}

	@ExceptionHandler(DataBufferLimitException.class)
	ResponseEntity<ProblemDetail> tooLarge(DataBufferLimitException ex) {
		return answer(Problems.payloadTooLarge(MAX_BODY_BYTES));
	}

	/**
	 * Connection refused, pool acquire timeout, a broken or terminated connection: the
	 * database cannot be reached, 503 + {@code Retry-After} (logged at most every few
	 * seconds). Any other database failure is a bug: 500. The same rule as blocking's
	 * ({@link DatabaseFailures}), plus the driver's own resource failures for what
	 * reaches here untranslated.
	 */
	@ExceptionHandler({ DataAccessException.class, TransactionException.class, R2dbcException.class })
	Mono<ResponseEntity<ProblemDetail>> databaseFailed(Exception ex, ServerWebExchange exchange) {
		if (!unreachable(ex)) {
			return unexpected(ex, exchange);
		}
		this.databaseFailures.warnUnreachable(ex);
		return Mono.just(ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Problems.RETRY_AFTER_SECONDS)
			.body(Problems.databaseUnavailable()));
	}

	static boolean unreachable(Throwable failure) {
		return DatabaseFailures.unreachable(failure) || causedBy(failure, R2dbcNonTransientResourceException.class)
				|| causedBy(failure, R2dbcTransientResourceException.class)
				|| causedBy(failure, R2dbcTimeoutException.class);
	}

	/**
	 * A bug is a 500. A client that left while its answer was being written (its
	 * connection closed: Reactor Netty's {@link AbortedException}) gets nothing: the
	 * answer's status and headers are already sent, and writing a problem over them
	 * failed with a stack trace at every end of a load test.
	 */
	@ExceptionHandler(Exception.class)
	Mono<ResponseEntity<ProblemDetail>> unexpected(Exception ex, ServerWebExchange exchange) {
		if (causedBy(ex, AbortedException.class)) {
			log.debug("Client gone: " + ex);
			return Mono.empty();
		}
		log.error("Unexpected failure", ex);
		return exchange.getResponse().isCommitted() ? Mono.empty() : Mono.just(answer(Problems.internalError()));
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		ProblemDetail problem = causedBy(ex, DataBufferLimitException.class) ? Problems.payloadTooLarge(MAX_BODY_BYTES)
				: StrictJson.fieldError(ex)
					.map((error) -> Problems.invalidRequest(List.of(error)))
					.orElseGet(() -> Problems.unreadableBody(Problems.UNREADABLE_BODY));
		return handleExceptionInternal(ex, problem, headers, HttpStatusCode.valueOf(problem.getStatus()), exchange);
	}

	/** The base class's generic bodies, replaced by the lab's problems. */
	@Override
	protected Mono<ResponseEntity<Object>> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
			ServerWebExchange exchange) {
		ProblemDetail problem = reshaped(body, status, exchange);
		return super.createResponseEntity(problem, headers, HttpStatusCode.valueOf(problem.getStatus()), exchange);
	}

	private static ProblemDetail reshaped(Object body, HttpStatusCode status, ServerWebExchange exchange) {
		String method = exchange.getRequest().getMethod().name();
		return switch (status.value()) {
			case 404 -> (isLabProblem(body)) ? (ProblemDetail) body
					: Problems.noSuchEndpoint(method, exchange.getRequest().getPath().value());
			case 405 -> Problems.methodNotAllowed(method);
			case 406 -> Problems.notAcceptable();
			case 413 -> Problems.payloadTooLarge(MAX_BODY_BYTES);
			case 415 -> Problems.unsupportedMediaType();
			default -> (body instanceof ProblemDetail problem) ? problem : ProblemDetail.forStatus(status);
		};
	}

	private static boolean isLabProblem(Object body) {
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

	private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).body(problem);
	}

}
