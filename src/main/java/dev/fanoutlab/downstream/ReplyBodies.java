package dev.fanoutlab.downstream;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import dev.fanoutlab.api.EchoReply;
import dev.fanoutlab.api.LoyaltyReply;
import dev.fanoutlab.api.PaymentReply;
import dev.fanoutlab.api.Recommendation;
import dev.fanoutlab.api.RecommendationsReply;
import dev.fanoutlab.api.ShippingReply;

/** The bodies of the simulated services, each a pure function of (service, key). */
final class ReplyBodies {

	private static final String[] PRODUCTS = { "Espresso Grinder", "Trail Backpack", "Noise-Cancelling Headphones",
			"Cast Iron Skillet", "Desk Lamp", "Running Shoes", "Mechanical Keyboard", "Water Bottle", "Yoga Mat",
			"Travel Mug", "Wool Socks", "Chef Knife" };

	private static final String[] CARRIERS = { "DHL", "UPS", "FedEx", "PostNL", "DPD" };

	private static final String[] SHIPPING_STATES = { "LABEL_CREATED", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED" };

	/** Etas are counted from a fixed day, not from today, to keep bodies stable. */
	private static final LocalDate ETA_BASE = LocalDate.of(2026, 1, 1);

	private ReplyBodies() {
	}

	/** The body of a read service (every service but payments). */
	static Object of(Service service, String key) {
		return switch (service) {
			case RECOMMENDATIONS -> recommendations(key);
			case LOYALTY -> loyalty(key);
			case SHIPPING -> shipping(key);
			case ECHO -> echo(key);
			case PAYMENTS -> throw new IllegalArgumentException("a payment's body depends on its request");
		};
	}

	static EchoReply echo(String key) {
		return new EchoReply(Service.ECHO.id(), key);
	}

	static RecommendationsReply recommendations(String key) {
		KeyHash hash = new KeyHash("recommendations:" + key);
		int count = 3 + hash.nextInt(3);
		List<Recommendation> items = new ArrayList<>(count);
		int score = 99;
		for (int i = 0; i < count; i++) {
			int sku = 10_000 + hash.nextInt(90_000);
			score -= 1 + hash.nextInt(15);
			items.add(new Recommendation("SKU-" + sku, hash.pick(PRODUCTS), score / 100.0));
		}
		return new RecommendationsReply(key, items);
	}

	static LoyaltyReply loyalty(String key) {
		long points = new KeyHash("loyalty:" + key).nextInt(50_000);
		String level = (points >= 40_000) ? "PLATINUM"
				: (points >= 20_000) ? "GOLD" : (points >= 5_000) ? "SILVER" : "BRONZE";
		return new LoyaltyReply(key, points, level);
	}

	static ShippingReply shipping(String key) {
		KeyHash hash = new KeyHash("shipping:" + key);
		String carrier = hash.pick(CARRIERS);
		String status = hash.pick(SHIPPING_STATES);
		String eta = ETA_BASE.plusDays(hash.nextInt(365)).toString();
		return new ShippingReply(key, carrier, status, eta);
	}

	static PaymentReply payment(String key, long amountCents) {
		String authorizationId = "AUTH-%016X".formatted(new KeyHash("payments:" + key).nextLong());
		String status = (amountCents > PaymentReply.DECLINE_ABOVE_CENTS) ? PaymentReply.DECLINED
				: PaymentReply.APPROVED;
		return new PaymentReply(authorizationId, status);
	}

}
