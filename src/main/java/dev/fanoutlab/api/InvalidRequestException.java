package dev.fanoutlab.api;

import java.util.List;

/**
 * Bad input: every stack answers it with a 400 problem listing the field errors.
 * Expected, not a bug: it carries no stack trace, which would cost more than the answer.
 */
public class InvalidRequestException extends RuntimeException {

	private final transient List<FieldError> errors;

	public InvalidRequestException(List<FieldError> errors) {
		super(errors.isEmpty() ? "Invalid request" : errors.get(0).field() + ": " + errors.get(0).message(), null,
				false, false);
		this.errors = List.copyOf(errors);
	}

	public InvalidRequestException(String field, String message) {
		this(List.of(new FieldError(field, message)));
	}

	public List<FieldError> errors() {
		return this.errors;
	}

}
