package dev.fanoutlab.blocking;

import java.util.List;
import java.util.Optional;

import dev.fanoutlab.api.EchoReply;
import dev.fanoutlab.api.Loyalty;
import dev.fanoutlab.api.LoyaltyReply;
import dev.fanoutlab.api.PaymentReply;
import dev.fanoutlab.api.PaymentRequest;
import dev.fanoutlab.api.Recommendation;
import dev.fanoutlab.api.RecommendationsReply;
import dev.fanoutlab.api.Shipment;
import dev.fanoutlab.api.ShippingReply;

import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * The simulator's services, one blocking call each: the caller's thread waits. Failures
 * (timeouts, 5xx, connection errors) surface as {@code RestClientException}.
 */
public class DownstreamClient {

	private final RestClient services;

	private final RestClient fanout;

	DownstreamClient(RestClient services, RestClient fanout) {
		this.services = services;
		this.fanout = fanout;
	}

	public List<Recommendation> recommendations(long customerId) {
		RecommendationsReply reply = get("recommendations", customerId, RecommendationsReply.class);
		return (reply.items() != null) ? reply.items() : List.of();
	}

	public Loyalty loyalty(long customerId) {
		return get("loyalty", customerId, LoyaltyReply.class).toLoyalty();
	}

	public Shipment shipping(long orderId) {
		return get("shipping", orderId, ShippingReply.class).toShipment(orderId);
	}

	public EchoReply echo(int key, long latencyMs) {
		return this.fanout.get()
			.uri("/services/echo/{key}?latencyMs={latencyMs}", key, latencyMs)
			.retrieve()
			.body(EchoReply.class);
	}

	PaymentReply authorize(String key, long amountCents) {
		return this.services.post()
			.uri("/services/payments/{key}", key)
			.contentType(MediaType.APPLICATION_JSON)
			.body(new PaymentRequest(amountCents))
			.retrieve()
			.body(PaymentReply.class);
	}

	/**
	 * The outcome of an earlier payment with this key; empty when the simulator answered
	 * none (never paid, failed, or abandoned by its caller).
	 */
	Optional<PaymentReply> payment(String key) {
		try {
			return Optional.ofNullable(
					this.services.get().uri("/services/payments/{key}", key).retrieve().body(PaymentReply.class));
		}
		catch (HttpClientErrorException.NotFound notPaid) {
			return Optional.empty();
		}
	}

	private <T> T get(String service, long key, Class<T> type) {
		return this.services.get().uri("/services/{service}/{key}", service, key).retrieve().body(type);
	}

}
