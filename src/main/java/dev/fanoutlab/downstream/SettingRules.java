package dev.fanoutlab.downstream;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.fanoutlab.api.FieldError;
import tools.jackson.databind.JsonNode;

/**
 * The ranges of the four settings, applied alike to query overrides ({@code ?latencyMs=})
 * and to profile updates (JSON). Every bad field is reported, not only the first.
 */
final class SettingRules {

	static final long MAX_MS = 60_000;

	static final List<String> FIELDS = List.of("latencyMs", "jitterMs", "failRate", "failStatus");

	// compiled once: String.matches compiles its regex on every call
	private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,10}");

	private static final Pattern DECIMAL = Pattern.compile("-?([0-9]{1,10}(\\.[0-9]{1,17})?|\\.[0-9]{1,17})");

	private SettingRules() {
	}

	/** Reads the overrides of one call from its query parameters. */
	static SettingsPatch fromQuery(Map<String, String> query, List<FieldError> errors) {
		return read("", query::get, errors);
	}

	/** Reads a profile update for one service; {@code at} prefixes the field names. */
	static SettingsPatch fromJson(String at, JsonNode settings, List<FieldError> errors) {
		if (!settings.isObject()) {
			errors.add(new FieldError(at, "must be an object"));
			return SettingsPatch.NONE;
		}
		for (String name : settings.propertyNames()) {
			if (!FIELDS.contains(name)) {
				errors.add(new FieldError(at + "." + name, "is not a setting; use one of " + FIELDS));
			}
		}
		return read(at + ".", (name) -> jsonNumber(settings.get(name)), errors);
	}

	private static SettingsPatch read(String prefix, Function<String, String> raw, List<FieldError> errors) {
		Long latency = integer(prefix + "latencyMs", raw.apply("latencyMs"), 0, MAX_MS, errors);
		Long jitter = integer(prefix + "jitterMs", raw.apply("jitterMs"), 0, MAX_MS, errors);
		Double failRate = rate(prefix + "failRate", raw.apply("failRate"), errors);
		Long failStatus = integer(prefix + "failStatus", raw.apply("failStatus"), 400, 599, errors);
		return new SettingsPatch(latency, jitter, failRate, (failStatus != null) ? failStatus.intValue() : null);
	}

	/** A JSON number as text, so that JSON and query strings share one parser. */
	private static String jsonNumber(JsonNode node) {
		if (node == null) {
			return null;
		}
		return node.isNumber() ? node.numberValue().toString() : "not a number";
	}

	private static Long integer(String field, String raw, long min, long max, List<FieldError> errors) {
		if (raw == null) {
			return null;
		}
		if (INTEGER.matcher(raw).matches()) {
			long value = Long.parseLong(raw);
			if (value >= min && value <= max) {
				return value;
			}
		}
		errors.add(new FieldError(field, "must be an integer from " + min + " to " + max));
		return null;
	}

	private static Double rate(String field, String raw, List<FieldError> errors) {
		if (raw == null) {
			return null;
		}
		if (DECIMAL.matcher(raw).matches()) {
			double value = Double.parseDouble(raw);
			if (value >= 0 && value <= 1) {
				return value;
			}
		}
		errors.add(new FieldError(field, "must be a number from 0 to 1"));
		return null;
	}

}
