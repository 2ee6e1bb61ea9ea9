package dev.fanoutlab.blocking;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;

/**
 * A failure the client is told about as it is: the problem (from
 * {@link dev.fanoutlab.api.Problems}) and any headers that go with it.
 */
public class ProblemException extends RuntimeException {

	private final transient ProblemDetail problem;

	private final transient HttpHeaders headers;

	public ProblemException(ProblemDetail problem) {
		this(problem, HttpHeaders.EMPTY);
	}

	ProblemException(ProblemDetail problem, HttpHeaders headers) {
		super(problem.getDetail(), null, false, false);
		this.problem = problem;
		this.headers = headers;
	}

	ProblemDetail problem() {
		return this.problem;
	}

	HttpHeaders headers() {
		return this.headers;
	}

}
