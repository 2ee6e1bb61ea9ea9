package dev.fanoutlab.api;

import java.time.Instant;

/** A stored order, as {@code POST /api/customers/{id}/orders} answers it. */
public record CreatedOrder(long id, long customerId, long totalCents, String status, Instant createdAt,
		String authorizationId) {

	public static final String CONFIRMED = "CONFIRMED";

	/** A key claimed by a request whose payment is still being authorised. */
	public static final String PENDING = "PENDING";

}
