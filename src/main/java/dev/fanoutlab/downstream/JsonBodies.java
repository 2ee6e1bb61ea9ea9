package dev.fanoutlab.downstream;

import dev.fanoutlab.api.InvalidRequestException;
import dev.fanoutlab.api.PaymentRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Reads request bodies as JSON trees and checks them by hand, so that a string or a
 * fraction where an integer belongs is a 400, not silently coerced.
 */
@Component
class JsonBodies {

	private final JsonMapper mapper;

	JsonBodies(JsonMapper mapper) {
		this.mapper = mapper;
	}

	JsonNode tree(String body) {
		if (body == null || body.isBlank()) {
			throw new InvalidRequestException("body", "is required");
		}
		try {
			return this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidRequestException("body", "is not valid JSON");
		}
	}

	PaymentRequest payment(String body) {
		JsonNode tree = tree(body);
		JsonNode amount = tree.isObject() ? tree.get("amountCents") : null;
		if (amount == null || amount.isNull()) {
			throw new InvalidRequestException("amountCents", "is required");
		}
		if (!amount.isIntegralNumber() || !amount.canConvertToLong() || amount.longValue() < 0) {
			throw new InvalidRequestException("amountCents", "must be a non-negative integer (cents)");
		}
		return new PaymentRequest(amount.longValue());
	}

}
