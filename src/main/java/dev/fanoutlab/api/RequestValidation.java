package dev.fanoutlab.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The validation rules every stack applies, so that the same bad input gets the same 400
 * on each. Parameters arrive as strings: a wrong type is a validation error like any
 * other, with the same message everywhere.
 */
public final class RequestValidation {

	public static final int MAX_FANOUT_CALLS = 100;

	public static final long MAX_FANOUT_LATENCY_MS = 10_000;

	public static final int MAX_CPU_ROUNDS = 1_000_000;

	public static final int MAX_ITEMS = 100;

	public static final int MAX_QUANTITY = 1_000;

	public static final long MAX_PRICE_CENTS = 10_000_000;

	public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

	public static final long MAX_PITFALL_MS = 10_000;

	// compiled once: String.matches compiles its regex on every call
	private static final Pattern SKU = Pattern.compile("[A-Za-z0-9-]{1,32}");

	private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");

	private RequestValidation() {
	}

	public static long customerId(String raw) {
		return positiveLong("id", raw, Long.MAX_VALUE);
	}

	/** Any other id in a path, such as an order id. */
	public static long positiveId(String field, String raw) {
		return positiveLong(field, raw, Long.MAX_VALUE);
	}

	/** How long a pitfall endpoint blocks its thread. */
	public static long pitfallMs(String raw) {
		return positiveLong("ms", raw, MAX_PITFALL_MS);
	}

	public static int fanoutCalls(String raw) {
		return (int) positiveLong("calls", raw, MAX_FANOUT_CALLS);
	}

	public static long fanoutLatencyMs(String raw) {
		long value = longIn("latencyMs", raw, 0, MAX_FANOUT_LATENCY_MS);
		return value;
	}

	public static String fanoutMode(String raw) {
		String mode = (raw != null) ? raw : "parallel";
		if (!mode.equals("parallel") && !mode.equals("sequential")) {
			throw new InvalidRequestException("mode", "must be 'parallel' or 'sequential'");
		}
		return mode;
	}

	public static int cpuRounds(String raw) {
		return (int) positiveLong("rounds", raw, MAX_CPU_ROUNDS);
	}

	public static String idempotencyKey(String raw) {
		if (raw == null || raw.isBlank()) {
			throw new InvalidRequestException(LabHeaders.IDEMPOTENCY_KEY, "header is required");
		}
		if (raw.length() > MAX_IDEMPOTENCY_KEY_LENGTH || !raw.chars().allMatch((c) -> c >= 0x21 && c <= 0x7e)) {
			throw new InvalidRequestException(LabHeaders.IDEMPOTENCY_KEY,
					"must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " visible ASCII characters");
		}
		if (raw.indexOf(',') >= 0) {
			// HTTP joins repeated header lines with commas: two keys, or one that reads
			// as two
			throw new InvalidRequestException(LabHeaders.IDEMPOTENCY_KEY,
					"must be sent once and hold one key (no comma)");
		}
		return raw;
	}

	/** Checks a new order's body; returns its total in cents. */
	public static long orderTotalCents(CreateOrderRequest request) {
		List<FieldError> errors = new ArrayList<>();
		if (request == null || request.items() == null) {
			throw new InvalidRequestException("items", "is required");
		}
		List<OrderItem> items = request.items();
		if (items.isEmpty() || items.size() > MAX_ITEMS) {
			throw new InvalidRequestException("items", "must hold 1 to " + MAX_ITEMS + " items");
		}
		long total = 0;
		for (int i = 0; i < items.size(); i++) {
			OrderItem item = items.get(i);
			String at = "items[" + i + "]";
			if (item == null) {
				errors.add(new FieldError(at, "must not be null"));
				continue;
			}
			if (item.sku() == null || !SKU.matcher(item.sku()).matches()) {
				errors.add(new FieldError(at + ".sku", "must be 1 to 32 letters, digits or '-'"));
			}
			if (item.quantity() == null || item.quantity() < 1 || item.quantity() > MAX_QUANTITY) {
				errors.add(new FieldError(at + ".quantity", "must be between 1 and " + MAX_QUANTITY));
			}
			if (item.priceCents() == null || item.priceCents() < 0 || item.priceCents() > MAX_PRICE_CENTS) {
				errors.add(new FieldError(at + ".priceCents", "must be between 0 and " + MAX_PRICE_CENTS));
			}
			if (errors.isEmpty()) {
				total += item.quantity() * item.priceCents();
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		return total;
	}

	private static long positiveLong(String field, String raw, long max) {
		return longIn(field, raw, 1, max);
	}

	private static long longIn(String field, String raw, long min, long max) {
		String range = (max == Long.MAX_VALUE) ? "a positive 64-bit integer" : "an integer from " + min + " to " + max;
		if (raw == null || !DIGITS.matcher(raw).matches()) {
			throw new InvalidRequestException(field, "must be " + range);
		}
		try {
			long value = Long.parseLong(raw);
			if (value < min || value > max) {
				throw new InvalidRequestException(field, "must be " + range);
			}
			return value;
		}
		catch (NumberFormatException ex) {
			throw new InvalidRequestException(field, "must be " + range);
		}
	}

}
