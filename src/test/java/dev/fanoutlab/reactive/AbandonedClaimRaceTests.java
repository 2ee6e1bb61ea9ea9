package dev.fanoutlab.reactive;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.fanoutlab.api.CreateOrderRequest;
import dev.fanoutlab.api.CreatedOrder;
import dev.fanoutlab.api.LabProperties;
import dev.fanoutlab.api.OrderFingerprint;
import dev.fanoutlab.api.OrderItem;
import dev.fanoutlab.support.AbandonedClaims;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A retry finds its key's claim PENDING and tries to release it as abandoned, while the
 * key's row changes under it (the {@link ClaimSweeper} settles the claim, or its live
 * request gives the key back): the retry's delete finds nothing, and the retry answers
 * from the key as it is now, never from its stale read. Real PostgreSQL and simulator;
 * only the repository's release is preceded by that change, to force the interleaving.
 */
class AbandonedClaimRaceTests {

	private static final long CUSTOMER = 42;

	private static final CreateOrderRequest ORDER = new CreateOrderRequest(List.of(new OrderItem("SKU-1", 3, 700L)));

	private final ConfigurableApplicationContext app = ReactiveTestApps.app();

	private final OrderRepository orders = this.app.getBean(OrderRepository.class);

	@Test
	void aClaimTheSweeperReleasesJustBeforeOurReleaseIsClaimedAgainAndPaid() {
		String key = AbandonedClaims.leave(ReactiveTestApps.simulatorUrl(), CUSTOMER, ORDER, false);
		long abandonedId = idOf(key);
		OrderService.Outcome outcome = withTheKeyChangedBeforeRelease(() -> AbandonedClaims.release(key))
			.create(CUSTOMER, key, ORDER)
			.block();
		assertThat(outcome.replayed()).isFalse();
		assertThat(outcome.order().id()).isNotEqualTo(abandonedId);
		assertThat(outcome.order().status()).isEqualTo(CreatedOrder.CONFIRMED);
		assertThat(outcome.order()).isEqualTo(storedOrder(key));
	}

	@Test
	void aClaimTheSweeperConfirmsJustBeforeOurReleaseReplaysTheConfirmedOrder() {
		String key = AbandonedClaims.leave(ReactiveTestApps.simulatorUrl(), CUSTOMER, ORDER, true);
		long abandonedId = idOf(key);
		OrderService.Outcome outcome = withTheKeyChangedBeforeRelease(() -> AbandonedClaims.confirm(key, "AUTH-swept"))
			.create(CUSTOMER, key, ORDER)
			.block();
		assertThat(outcome.replayed()).isTrue();
		assertThat(outcome.order().id()).isEqualTo(abandonedId);
		assertThat(outcome.order().status()).isEqualTo(CreatedOrder.CONFIRMED);
		assertThat(outcome.order()).isEqualTo(storedOrder(key));
	}

	@Test
	void aKeyGivenBackAndClaimedForAnotherOrderJustBeforeOurReleaseIs422() {
		String key = liveClaim();
		OrderService service = withTheKeyChangedBeforeRelease(() -> {
			AbandonedClaims.release(key);
			this.orders.claim(CUSTOMER, 100, key, "another order").block();
		});
		StepVerifier.create(service.create(CUSTOMER, key, ORDER))
			.expectErrorSatisfies((ex) -> assertThat(status(ex)).isEqualTo(422))
			.verify();
	}

	@Test
	void aClaimOfARequestStillPayingIs409WithRetryAfter() {
		String key = liveClaim();
		StepVerifier.create(this.app.getBean(OrderService.class).create(CUSTOMER, key, ORDER))
			.expectErrorSatisfies((ex) -> {
				assertThat(status(ex)).isEqualTo(409);
				assertThat(((ErrorResponseException) ex).getHeaders().getFirst("Retry-After")).isEqualTo("1");
			})
			.verify();
		assertThat(AbandonedClaims.statusOf(key)).contains("PENDING:");
	}

	/** The app's OrderService, on a repository whose release finds the key changed. */
	private OrderService withTheKeyChangedBeforeRelease(Runnable change) {
		OrderRepository changing = new KeyChangedBeforeRelease(this.app, change);
		return new OrderService(this.app.getBean(CustomerRepository.class), changing,
				this.app.getBean(DownstreamClient.class), this.app.getBean(VerdictsInFlight.class),
				this.app.getBean(LabProperties.class));
	}

	/** A key just claimed for {@link #ORDER} by a request that is still paying. */
	private String liveClaim() {
		String key = "live-" + UUID.randomUUID();
		this.orders.claim(CUSTOMER, 2100, key, OrderFingerprint.of(CUSTOMER, ORDER)).block();
		return key;
	}

	private long idOf(String key) {
		return storedOrder(key).id();
	}

	private CreatedOrder storedOrder(String key) {
		return this.orders.findByKey(key).block().order();
	}

	private static int status(Throwable ex) {
		assertThat(ex).isInstanceOf(ErrorResponseException.class);
		return ((ErrorResponseException) ex).getStatusCode().value();
	}

	/**
	 * The real repository, whose release of a claim first lets the key's row change as
	 * another process would change it between the request's read and its delete.
	 */
	private static final class KeyChangedBeforeRelease extends OrderRepository {

		private final Runnable change;

		KeyChangedBeforeRelease(ConfigurableApplicationContext app, Runnable change) {
			super(app.getBean(DatabaseClient.class), app.getBean(LabProperties.class));
			this.change = change;
		}

		@Override
		Mono<Boolean> releaseIfOlderThan(long orderId, Duration age) {
			// the change is plain blocking JDBC: off the connection's event loop
			return Mono.fromRunnable(this.change)
				.subscribeOn(Schedulers.boundedElastic())
				.then(super.releaseIfOlderThan(orderId, age));
		}

	}

}
