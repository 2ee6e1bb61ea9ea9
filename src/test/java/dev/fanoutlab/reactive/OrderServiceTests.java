package dev.fanoutlab.reactive;

import java.util.List;
import java.util.UUID;

import dev.fanoutlab.api.CreateOrderRequest;
import dev.fanoutlab.api.InvalidRequestException;
import dev.fanoutlab.api.OrderItem;
import dev.fanoutlab.support.LabCluster;
import dev.fanoutlab.support.Simulator;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotent creates on the real PostgreSQL and the real simulator's {@code payments}.
 */
class OrderServiceTests {

	private final ConfigurableApplicationContext app = ReactiveTestApps.app();

	private final OrderService orders = this.app.getBean(OrderService.class);

	private final DatabaseClient db = this.app.getBean(DatabaseClient.class);

	private final Simulator simulator = LabCluster.get().simulator();

	private static CreateOrderRequest order(long priceCents) {
		return new CreateOrderRequest(List.of(new OrderItem("SKU-1", 2, priceCents), new OrderItem("SKU-2", 1, 99L)));
	}

	@Test
	void createsAConfirmedOrderAndReplaysIt() {
		String key = "svc-" + UUID.randomUUID();
		OrderService.Outcome first = this.orders.create(42, key, order(1000)).block();
		assertThat(first.replayed()).isFalse();
		assertThat(first.order().status()).isEqualTo("CONFIRMED");
		assertThat(first.order().totalCents()).isEqualTo(2099);
		assertThat(first.order().authorizationId()).isNotBlank();
		StepVerifier.create(this.orders.create(42, key, order(1000))).assertNext((again) -> {
			assertThat(again.replayed()).isTrue();
			assertThat(again.order()).isEqualTo(first.order());
		}).verifyComplete();
		StepVerifier.create(rows(key)).expectNext(1L).verifyComplete();
	}

	@Test
	void theSameKeyWithAnotherBodyIsA422() {
		String key = "svc-" + UUID.randomUUID();
		this.orders.create(42, key, order(1000)).block();
		StepVerifier.create(this.orders.create(42, key, order(1001)))
			.expectErrorSatisfies((ex) -> assertThat(status(ex)).isEqualTo(422))
			.verify();
		StepVerifier.create(this.orders.create(43, key, order(1000)))
			.expectErrorSatisfies((ex) -> assertThat(status(ex)).isEqualTo(422))
			.verify();
	}

	@Test
	void twentyRacingCreatesStoreOneRowAndAuthoriseOnce() {
		String key = "svc-" + UUID.randomUUID();
		long paymentsBefore = paymentsServed();
		StepVerifier.create(Flux.range(0, 20)
			.flatMap((i) -> this.orders.create(42, key, order(500))
				.map((outcome) -> outcome.order().id())
				.onErrorResume(ErrorResponseException.class, (ex) -> {
					// a loser may see the winner's claim in progress: 409, nothing else
					assertThat(status(ex)).isEqualTo(409);
					return Mono.<Long>empty();
				}), 20)
			.collectList())
			.assertNext((ids) -> assertThat(ids).isNotEmpty().allMatch((id) -> id.equals(ids.get(0))))
			.verifyComplete();
		StepVerifier.create(rows(key)).expectNext(1L).verifyComplete();
		assertThat(paymentsServed() - paymentsBefore).isLessThanOrEqualTo(1);
	}

	@Test
	void aDeclinedPaymentIsA402AndStoresNothing() {
		String key = "svc-" + UUID.randomUUID();
		// 2 x 600,000 + 99 cents: above the simulator's 1,000,000 limit
		StepVerifier.create(this.orders.create(42, key, order(600_000)))
			.expectErrorSatisfies((ex) -> assertThat(status(ex)).isEqualTo(402))
			.verify();
		StepVerifier.create(rows(key)).expectNext(0L).verifyComplete();
	}

	@Test
	void badItemsAndUnknownCustomersAreRefusedBeforeAnyPayment() {
		StepVerifier.create(this.orders.create(42, "svc-bad", new CreateOrderRequest(List.of())))
			.expectError(InvalidRequestException.class)
			.verify();
		StepVerifier.create(this.orders.create(42, "svc-bad", order(-5)))
			.expectErrorSatisfies((ex) -> assertThat(((InvalidRequestException) ex).errors())
				.extracting(dev.fanoutlab.api.FieldError::field)
				.containsExactly("items[0].priceCents"))
			.verify();
		StepVerifier.create(this.orders.create(987654321, "svc-" + UUID.randomUUID(), order(10)))
			.expectErrorSatisfies((ex) -> assertThat(status(ex)).isEqualTo(404))
			.verify();
	}

	private Mono<Long> rows(String key) {
		return this.db.sql("SELECT count(*) AS n FROM purchase_order WHERE idempotency_key = :key")
			.bind("key", key)
			.map((row) -> row.get("n", Long.class))
			.one();
	}

	private long paymentsServed() {
		return this.simulator.service("payments", "requests");
	}

	private static int status(Throwable ex) {
		assertThat(ex).isInstanceOf(ErrorResponseException.class);
		return ((ErrorResponseException) ex).getStatusCode().value();
	}

}
