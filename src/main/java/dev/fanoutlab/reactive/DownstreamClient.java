package dev.fanoutlab.reactive;

import java.time.Duration;
import java.util.List;

import dev.fanoutlab.api.EchoReply;
import dev.fanoutlab.api.LabProperties;
import dev.fanoutlab.api.Loyalty;
import dev.fanoutlab.api.LoyaltyReply;
import dev.fanoutlab.api.PaymentReply;
import dev.fanoutlab.api.PaymentRequest;
import dev.fanoutlab.api.Recommendation;
import dev.fanoutlab.api.RecommendationsReply;
import dev.fanoutlab.api.Shipment;
import dev.fanoutlab.api.ShippingReply;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClientRequest;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * The simulator's services, one method each. Non-2xx answers are errors; the callers
 * decide on timeouts and fallbacks. A call with its own timeout is named by its service
 * first, as {@link OverviewRun} names the overview's parts: the timeout's message says
 * which service, and Reactor need not walk the chain for a name on every subscription.
 */
@Component
class DownstreamClient {

	private final WebClient http;

	private final Duration timeout;

	DownstreamClient(WebClient downstreamWebClient, LabProperties lab) {
		this.http = downstreamWebClient;
		this.timeout = lab.downstream().timeout();
	}

	Duration timeout() {
		return this.timeout;
	}

	Mono<List<Recommendation>> recommendations(long customerId) {
		return get("/services/recommendations/{key}", customerId, RecommendationsReply.class)
			.map(RecommendationsReply::items);
	}

	Mono<Loyalty> loyalty(long customerId) {
		return get("/services/loyalty/{key}", customerId, LoyaltyReply.class).map(LoyaltyReply::toLoyalty);
	}

	Mono<Shipment> shipping(long orderId) {
		return get("/services/shipping/{key}", orderId, ShippingReply.class).map((reply) -> reply.toShipment(orderId));
	}

	/**
	 * One echo call that waits {@code latencyMs} at the simulator. The connection's
	 * response timeout is raised for this request only, to the caller's timeout.
	 */
	Mono<EchoReply> echo(int key, long latencyMs, Duration timeout) {
		return this.http.get()
			.uri("/services/echo/{key}?latencyMs={latencyMs}", key, latencyMs)
			.httpRequest((request) -> request.<HttpClientRequest>getNativeRequest().responseTimeout(timeout))
			.retrieve()
			.bodyToMono(EchoReply.class)
			.name("echo")
			.timeout(timeout);
	}

	/**
	 * The outcome of an earlier payment with this key; empty when the simulator answered
	 * none (never paid, failed, or abandoned by its caller).
	 */
	Mono<PaymentReply> payment(String idempotencyKey) {
		return this.http.get()
			.uri("/services/payments/{key}", idempotencyKey)
			.retrieve()
			.bodyToMono(PaymentReply.class)
			.onErrorResume(WebClientResponseException.NotFound.class, (notPaid) -> Mono.empty())
			.name("payments")
			.timeout(this.timeout);
	}

	Mono<PaymentReply> authorize(String idempotencyKey, long amountCents) {
		return this.http.post()
			.uri("/services/payments/{key}", idempotencyKey)
			.bodyValue(new PaymentRequest(amountCents))
			.retrieve()
			.bodyToMono(PaymentReply.class)
			.name("payments")
			.timeout(this.timeout);
	}

	/**
	 * One template per service: it is the {@code uri} tag, so latency panels split by
	 * service.
	 */
	private <T> Mono<T> get(String uriTemplate, long key, Class<T> type) {
		return this.http.get().uri(uriTemplate, key).retrieve().bodyToMono(type);
	}

}
