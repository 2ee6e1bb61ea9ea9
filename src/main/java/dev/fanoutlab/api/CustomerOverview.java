package dev.fanoutlab.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer of {@code GET /api/customers/{id}/overview}. Optional parts that failed are
 * replaced by fallbacks (empty list, null) and named in {@code degraded}.
 */
public record CustomerOverview(Customer customer, List<OrderSummary> orders, Shipment latestShipment,
		List<Recommendation> recommendations, Loyalty loyalty, List<String> degraded,
		@JsonInclude(JsonInclude.Include.NON_NULL) Trace trace) {

	/** The optional parts, by the names {@code degraded} and the trace use. */
	public static final String RECOMMENDATIONS = "recommendations";

	public static final String LOYALTY = "loyalty";

	public static final String SHIPPING = "shipping";

	/** The mandatory parts. */
	public static final String CUSTOMER = "customer";

	public static final String ORDERS = "orders";

}
