package dev.fanoutlab.downstream;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.fanoutlab.api.InvalidRequestException;
import dev.fanoutlab.api.PaymentRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * JSON in and out of the simulator's routes. Request bodies are read as trees and checked
 * by hand, so that a string or a fraction where an integer belongs is a 400, not silently
 * coerced.
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

	Reply ok(Object body) {
		return Reply.json(this.mapper.writeValueAsBytes(body));
	}

	/** The RFC 9457 body, in the shape Spring writes a {@link ProblemDetail}. */
	Reply problem(ProblemDetail problem, String instance) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		if (instance != null) {
			body.put("instance", instance);
		}
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		return Reply.problem(problem.getStatus(), this.mapper.writeValueAsBytes(body));
	}

}
