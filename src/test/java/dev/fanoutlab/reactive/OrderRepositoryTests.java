package dev.fanoutlab.reactive;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** The claim rows behind idempotent creates, on the real PostgreSQL (no simulator). */
class OrderRepositoryTests {

	private final OrderRepository orders = ReactiveTestApps.app().getBean(OrderRepository.class);

	@Test
	void aKeyIsClaimedOnceUntilItIsGivenBack() {
		String key = "repo-" + UUID.randomUUID();
		OrderRepository.StoredOrder claim = this.orders.claim(7, 500, key, "hash-a").block();
		assertThat(claim).isNotNull();
		assertThat(claim.pending()).isTrue();
		StepVerifier.create(this.orders.claim(7, 500, key, "hash-a")).verifyComplete();
		StepVerifier.create(this.orders.release(claim.order().id())).expectNext(true).verifyComplete();
		StepVerifier.create(this.orders.claim(7, 500, key, "hash-a"))
			.assertNext((again) -> assertThat(again.order().id()).isNotEqualTo(claim.order().id()))
			.verifyComplete();
	}

	@Test
	void confirmedOrdersAreFoundAndPendingOnesAreNot() {
		String key = "repo-" + UUID.randomUUID();
		long id = this.orders.claim(8, 900, key, "hash-b").block().order().id();
		StepVerifier.create(this.orders.findConfirmed(8, id)).verifyComplete();
		StepVerifier.create(this.orders.confirm(id, "auth-1"))
			.assertNext((order) -> assertThat(order.status()).isEqualTo("CONFIRMED"))
			.verifyComplete();
		StepVerifier.create(this.orders.findConfirmed(8, id))
			.assertNext((order) -> assertThat(order.authorizationId()).isEqualTo("auth-1"))
			.verifyComplete();
		StepVerifier.create(this.orders.findConfirmed(9, id)).verifyComplete();
		// a confirmed order is never released: nothing deleted
		StepVerifier.create(this.orders.release(id)).expectNext(false).verifyComplete();
		StepVerifier.create(this.orders.findByKey(key))
			.assertNext((stored) -> assertThat(stored.fingerprint()).isEqualTo("hash-b"))
			.verifyComplete();
	}

	@Test
	void onlyOldClaimsCountAsAbandoned() {
		String key = "repo-" + UUID.randomUUID();
		long id = this.orders.claim(9, 100, key, "hash-c").block().order().id();
		StepVerifier.create(this.orders.releaseIfOlderThan(id, java.time.Duration.ofMinutes(5)))
			.expectNext(false)
			.verifyComplete();
		StepVerifier.create(this.orders.releaseIfOlderThan(id, java.time.Duration.ZERO))
			.expectNext(true)
			.verifyComplete();
	}

}
