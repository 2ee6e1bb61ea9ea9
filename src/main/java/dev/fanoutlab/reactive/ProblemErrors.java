package dev.fanoutlab.reactive;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Turns one of the shared {@code api.Problems} into an error signal: Spring answers an
 * {@link ErrorResponseException} with its problem body and headers as they are.
 */
final class ProblemErrors {

	private ProblemErrors() {
	}

	/**
	 * An expected answer (404, 409, ...): no stack trace, it would cost more than the
	 * answer.
	 */
	static ErrorResponseException of(ProblemDetail problem) {
		return new ExpectedProblem(problem);
	}

	static ErrorResponseException of(ProblemDetail problem, Throwable cause) {
		return new ErrorResponseException(HttpStatusCode.valueOf(problem.getStatus()), problem, cause);
	}

	private static final class ExpectedProblem extends ErrorResponseException {

		ExpectedProblem(ProblemDetail problem) {
			super(HttpStatusCode.valueOf(problem.getStatus()), problem, null);
		}

		@Override
		public synchronized Throwable fillInStackTrace() {
			return this;
		}

	}

}
