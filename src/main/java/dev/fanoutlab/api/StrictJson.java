package dev.fanoutlab.api;

import java.util.List;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Money and counts are exact or refused: the JSON reader of every stack takes integers
 * only (no {@code 99.99} read as 99, no {@code "5"} read as 5) and refuses an object with
 * the same key twice (no silent last-one-wins). A refusal names the field, as the
 * validation does ({@code items[0].priceCents}).
 */
public final class StrictJson {

	private StrictJson() {
	}

	public static JsonMapper.Builder apply(JsonMapper.Builder builder) {
		return builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
	}

	/**
	 * The field error of a body Jackson refused at a known place; empty for a body that
	 * is not JSON at all.
	 */
	public static Optional<FieldError> fieldError(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException jackson) {
				return describe(jackson);
			}
		}
		return Optional.empty();
	}

	/**
	 * A repeated key or a value of the wrong type, by its place; a syntax error names
	 * none.
	 */
	private static Optional<FieldError> describe(JacksonException failure) {
		String path = path(failure.getPath());
		if (isDuplicate(failure) && ((StreamReadException) failure).processor() instanceof JsonParser parser) {
			return Optional.of(new FieldError(join(path, parser.currentName()), "appears more than once"));
		}
		if ((failure instanceof InvalidFormatException || failure instanceof MismatchedInputException)
				&& !path.equals("body")) {
			return Optional.of(new FieldError(path,
					"has the wrong type (amounts and quantities are integers, not fractions or text)"));
		}
		return Optional.empty();
	}

	private static boolean isDuplicate(JacksonException failure) {
		return failure instanceof StreamReadException && failure.getOriginalMessage() != null
				&& failure.getOriginalMessage().startsWith("Duplicate");
	}

	private static String path(List<JacksonException.Reference> references) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : references) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "body" : path.toString();
	}

	private static String join(String path, String name) {
		return (name == null) ? path : (path.equals("body") ? name : path + "." + name);
	}

}
