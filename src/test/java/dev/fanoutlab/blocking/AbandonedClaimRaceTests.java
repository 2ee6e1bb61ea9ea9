package dev.fanoutlab.blocking;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.fanoutlab.api.CreateOrderRequest;
import dev.fanoutlab.api.CreatedOrder;
import dev.fanoutlab.api.LabProperties;
import dev.fanoutlab.api.OrderFingerprint;
import dev.fanoutlab.api.OrderItem;
import dev.fanoutlab.support.AbandonedClaims;
import dev.fanoutlab.support.LabCluster;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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

	private final LabCluster lab = LabCluster.withStack("blocking");

	private final ConfigurableApplicationContext stack = this.lab.context("blocking");

	private final OrderRepository orders = this.stack.getBean(OrderRepository.class);

	@Test
	void aClaimTheSweeperReleasesJustBeforeOurReleaseIsClaimedAgainAndPaid() {
		String key = AbandonedClaims.leave(this.lab.simulatorUrl(), CUSTOMER, ORDER, false);
		long abandonedId = idOf(key);
		OrderService.Outcome outcome = withTheKeyChangedBeforeRelease(() -> AbandonedClaims.release(key))
			.create(CUSTOMER, key, ORDER);
		assertThat(outcome.replayed()).isFalse();
		assertThat(outcome.order().id()).isNotEqualTo(abandonedId);
		assertThat(outcome.order().status()).isEqualTo(CreatedOrder.CONFIRMED);
		assertThat(outcome.order()).isEqualTo(storedOrder(key));
	}

	@Test
	void aClaimTheSweeperConfirmsJustBeforeOurReleaseReplaysTheConfirmedOrder() {
		String key = AbandonedClaims.leave(this.lab.simulatorUrl(), CUSTOMER, ORDER, true);
		long abandonedId = idOf(key);
		OrderService.Outcome outcome = withTheKeyChangedBeforeRelease(() -> AbandonedClaims.confirm(key, "AUTH-swept"))
			.create(CUSTOMER, key, ORDER);
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
			this.orders.claim(CUSTOMER, 100, key, "another order");
		});
		assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> service.create(CUSTOMER, key, ORDER))
			.satisfies((ex) -> assertThat(ex.problem().getStatus()).isEqualTo(422));
	}

	@Test
	void aClaimOfARequestStillPayingIs409WithRetryAfter() {
		String key = liveClaim();
		assertThatExceptionOfType(ProblemException.class)
			.isThrownBy(() -> this.stack.getBean(OrderService.class).create(CUSTOMER, key, ORDER))
			.satisfies((ex) -> {
				assertThat(ex.problem().getStatus()).isEqualTo(409);
				assertThat(ex.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
			});
		assertThat(AbandonedClaims.statusOf(key)).contains("PENDING:");
	}

	/** The stack's OrderService, on a repository whose release finds the key changed. */
	private OrderService withTheKeyChangedBeforeRelease(Runnable change) {
		OrderRepository changing = new KeyChangedBeforeRelease(this.stack, change);
		return new OrderService(this.stack.getBean(CustomerRepository.class), changing,
				this.stack.getBean(DownstreamClient.class), this.stack.getBean(LabProperties.class));
	}

	/** A key just claimed for {@link #ORDER} by a request that is still paying. */
	private String liveClaim() {
		String key = "live-" + UUID.randomUUID();
		this.orders.claim(CUSTOMER, 2100, key, OrderFingerprint.of(CUSTOMER, ORDER));
		return key;
	}

	private long idOf(String key) {
		return storedOrder(key).id();
	}

	private CreatedOrder storedOrder(String key) {
		return this.orders.findByKey(key).orElseThrow().order();
	}

	/**
	 * The real repository, whose release of a claim first lets the key's row change as
	 * another process would change it between the request's read and its delete.
	 */
	private static final class KeyChangedBeforeRelease extends OrderRepository {

		private final Runnable change;

		KeyChangedBeforeRelease(ConfigurableApplicationContext stack, Runnable change) {
			super(stack.getBean(JdbcClient.class));
			this.change = change;
		}

		@Override
		boolean releaseIfOlderThan(long id, Duration age) {
			this.change.run();
			return super.releaseIfOlderThan(id, age);
		}

	}

}
