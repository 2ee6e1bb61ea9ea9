package dev.fanoutlab.api;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The RFC 9457 problems every stack answers with: the same type, title and status for the
 * same failure on each. Details never carry a stack trace or SQL.
 */
public final class Problems {

	static final String TYPE_BASE = "https://fanout-lab.dev/problems/";

	private Problems() {
	}

	public static ProblemDetail invalidRequest(List<FieldError> errors) {
		ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
				errors.isEmpty() ? "The request is not valid." : describe(errors));
		problem.setProperty("errors", errors);
		return problem;
	}

	public static ProblemDetail unreadableBody(String detail) {
		ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
		problem.setProperty("errors", List.of(new FieldError("body", detail)));
		return problem;
	}

	/**
	 * Unknown path, wrong method, media types: the framework's own 4xx, in the lab's
	 * shape.
	 */
	public static ProblemDetail noSuchEndpoint(String method, String path) {
		return of(HttpStatus.NOT_FOUND, "not-found", "Not found", "No endpoint " + method + " " + path + ".");
	}

	public static ProblemDetail methodNotAllowed(String method) {
		return of(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed",
				"The method " + method + " is not allowed here.");
	}

	public static ProblemDetail notAcceptable() {
		return of(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable",
				"The API answers application/json or application/problem+json only.");
	}

	public static ProblemDetail unsupportedMediaType() {
		return of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
				"The request body must be application/json.");
	}

	/** The one detail for a body that is not JSON or has a value of the wrong type. */
	public static final String UNREADABLE_BODY = "The request body is not valid JSON or has a value of the wrong type.";

	/** A downstream call the answer cannot do without failed or timed out (fan-out). */
	public static ProblemDetail downstreamFailed(String service) {
		return of(HttpStatus.BAD_GATEWAY, "downstream-failed", "Downstream service failed",
				"The " + service + " service failed or did not answer in time.");
	}

	public static ProblemDetail internalError() {
		return of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
				"The server could not answer this request.");
	}

	public static ProblemDetail customerNotFound(long id) {
		return of(HttpStatus.NOT_FOUND, "not-found", "Not found", "No customer with id " + id + ".");
	}

	public static ProblemDetail notFound(String detail) {
		return of(HttpStatus.NOT_FOUND, "not-found", "Not found", detail);
	}

	public static ProblemDetail payloadTooLarge(long maxBytes) {
		return of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
				"The request body is larger than " + maxBytes + " bytes.");
	}

	public static ProblemDetail idempotencyKeyReused() {
		return of(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency key reused",
				"This Idempotency-Key was used before with a different request.");
	}

	public static ProblemDetail idempotencyKeyInProgress() {
		return of(HttpStatus.CONFLICT, "idempotency-key-in-progress", "Request in progress",
				"A request with this Idempotency-Key is still being processed; retry later.");
	}

	public static ProblemDetail paymentDeclined(long totalCents) {
		return of(HttpStatus.PAYMENT_REQUIRED, "payment-declined", "Payment declined",
				"The payment of " + totalCents + " cents was declined; no order was stored.");
	}

	public static ProblemDetail paymentFailed() {
		return of(HttpStatus.BAD_GATEWAY, "payment-failed", "Payment service failed",
				"The payment service did not authorise the payment; no order was stored.");
	}

	/**
	 * The payment call ended without a verdict (it timed out, or its connection broke),
	 * and the payment service's record of the key did not settle it either: no order is
	 * confirmed. A retry with the same {@code Idempotency-Key} is safe: the key is the
	 * payment's own idempotency key, so it never pays twice (docs/api.md).
	 */
	public static ProblemDetail paymentUnavailable() {
		return of(HttpStatus.SERVICE_UNAVAILABLE, "payment-unavailable", "Payment outcome unknown",
				"The payment service did not answer in time; no order is confirmed. "
						+ "Retry with the same Idempotency-Key: it never pays twice.");
	}

	public static ProblemDetail databaseUnavailable() {
		return of(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "Database unavailable",
				"The database cannot be reached; try again later.");
	}

	public static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + slug));
		problem.setTitle(title);
		return problem;
	}

	/** The fan-out executor's bounded queue is full (blocking stack): shed load. */
	public static ProblemDetail overloaded() {
		return of(HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "Overloaded",
				"Too much work is waiting already; try again later.");
	}

	/**
	 * The stack is serving as many requests as it admits: refused at once, with
	 * {@code Retry-After}, rather than queued.
	 */
	public static ProblemDetail admissionRefused(int limit) {
		return of(HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "Overloaded",
				"This stack is serving its limit of " + limit + " requests at once; try again later.");
	}

	/**
	 * A request the HTTP server itself refused before any handler saw it (bad request
	 * line, a URI or header too long, an unsupported HTTP version, a disallowed method).
	 */
	public static ProblemDetail protocolError(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		String title = (known != null) ? known.getReasonPhrase() : "Error";
		String slug = (known != null) ? known.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') : "error";
		return of(HttpStatusCode.valueOf(status), slug, title,
				"The server refused the request before reading it further: " + title + ".");
	}

	/** Seconds a client refused by admission should wait ({@code Retry-After}). */
	public static final String RETRY_AFTER_SECONDS = "1";

	private static String describe(List<FieldError> errors) {
		FieldError first = errors.get(0);
		String more = (errors.size() > 1) ? " (and " + (errors.size() - 1) + " more)" : "";
		return first.field() + " " + first.message() + more;
	}

}
