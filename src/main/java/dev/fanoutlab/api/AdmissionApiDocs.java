package dev.fanoutlab.api;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The answer admission gives before any controller runs, added to every {@code /api/*}
 * operation of a stack's OpenAPI document: {@code 503} + {@code Retry-After} when the
 * stack serves as many requests as it admits ({@link AdmissionLimit}). An operation that
 * documents a 503 of its own keeps its description, with admission's added.
 */
public final class AdmissionApiDocs {

	static final String OVERLOADED = "overloaded: the stack serves as many requests as it admits "
			+ "(lab.admission.max-concurrent), refused at once; Retry-After says when to try again";

	private AdmissionApiDocs() {
	}

	public static OpenApiCustomizer overloadedOnEveryApiOperation() {
		return (openApi) -> {
			if (openApi.getPaths() == null) {
				return;
			}
			openApi.getPaths().forEach((path, item) -> {
				if (path.startsWith("/api/")) {
					item.readOperations().forEach(AdmissionApiDocs::addOverloaded);
				}
			});
		};
	}

	private static void addOverloaded(Operation operation) {
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		ApiResponse unavailable = responses.get("503");
		if (unavailable == null) {
			unavailable = new ApiResponse().description(OVERLOADED);
		}
		else if (unavailable.getDescription() == null || !unavailable.getDescription().contains(OVERLOADED)) {
			String own = unavailable.getDescription();
			unavailable.description((own == null || own.isBlank()) ? OVERLOADED : own + "; or " + OVERLOADED);
		}
		unavailable.addHeaderObject("Retry-After",
				new Header().description("seconds to wait before trying again").schema(new IntegerSchema()));
		responses.addApiResponse("503", unavailable);
		operation.setResponses(responses);
	}

}
