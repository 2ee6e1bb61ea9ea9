package dev.fanoutlab.reactive;

import dev.fanoutlab.support.AbandonedClaims;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PENDING claims left as a crashed stack leaves them are settled from the simulator's
 * record of the payment: confirmed when approved, released when declined or never paid.
 */
class ClaimSweeperTests {

	private final ConfigurableApplicationContext app = ReactiveTestApps.app();

	private final ClaimSweeper sweeper = this.app.getBean(ClaimSweeper.class);

	@Test
	void settlesAbandonedClaimsFromThePaymentsOutcome() {
		String approved = AbandonedClaims.leave(ReactiveTestApps.simulatorUrl(), 100L);
		String declined = AbandonedClaims.leave(ReactiveTestApps.simulatorUrl(), 1_000_001L);
		String neverPaid = AbandonedClaims.leave(ReactiveTestApps.simulatorUrl(), null);
		this.sweeper.sweep().block();
		assertThat(AbandonedClaims.statusOf(approved))
			.hasValueSatisfying((status) -> assertThat(status).startsWith("CONFIRMED:AUTH-"));
		assertThat(AbandonedClaims.statusOf(declined)).isEmpty();
		assertThat(AbandonedClaims.statusOf(neverPaid)).isEmpty();
	}

	/**
	 * Three stacks sweep one table: a claim another sweeper settled between this one's
	 * read and its release is not counted again.
	 */
	@Test
	void countsOnlyTheClaimsItChanged() {
		String neverPaid = AbandonedClaims.leave(ReactiveTestApps.simulatorUrl(), null);
		long id = this.app.getBean(OrderRepository.class).findByKey(neverPaid).block().order().id();
		AbandonedClaims.release(neverPaid);
		double releasedBefore = released();

		Boolean settled = this.sweeper.settle(new OrderRepository.AbandonedClaim(id, neverPaid)).block();

		assertThat(settled).isFalse();
		assertThat(released()).isEqualTo(releasedBefore);
	}

	private double released() {
		return this.app.getBean(MeterRegistry.class)
			.get("lab.orders.swept")
			.tag("outcome", "released")
			.counter()
			.count();
	}

	@Test
	void leavesRecentClaimsToTheirRequests() {
		OrderRepository orders = this.app.getBean(OrderRepository.class);
		String key = "in-flight-" + java.util.UUID.randomUUID();
		orders.claim(42, 100, key, "live").block();
		this.sweeper.sweep().block();
		assertThat(AbandonedClaims.statusOf(key)).contains("PENDING:");
	}

}
