package dev.fanoutlab.api;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * What makes two creates "the same request": the customer and the items, in order. Stored
 * with the idempotency key so that a replay with another body is told apart (422).
 */
public final class OrderFingerprint {

	private OrderFingerprint() {
	}

	public static String of(long customerId, CreateOrderRequest request) {
		StringBuilder canonical = new StringBuilder().append(customerId);
		for (OrderItem item : request.items()) {
			canonical.append('|')
				.append(item.sku())
				.append(',')
				.append(item.quantity())
				.append(',')
				.append(item.priceCents());
		}
		byte[] hash = CpuWork.sha256().digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(hash);
	}

}
