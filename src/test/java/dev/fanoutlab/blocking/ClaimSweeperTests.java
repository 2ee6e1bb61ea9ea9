package dev.fanoutlab.blocking;

import java.util.UUID;

import dev.fanoutlab.support.AbandonedClaims;
import dev.fanoutlab.support.LabCluster;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PENDING claims left as a crashed stack leaves them are settled from the simulator's
 * record of the payment: confirmed when approved, released when declined or never paid.
 */
class ClaimSweeperTests {

	// the lab's own blocking stack and simulator: every stack sharing the database sweeps
	// too, and all of them must ask the simulator that took the payment
	private final LabCluster lab = LabCluster.withStack("blocking");

	private final ConfigurableApplicationContext stack = this.lab.context("blocking");

	@Test
	void settlesAbandonedClaimsFromThePaymentsOutcome() {
		String approved = AbandonedClaims.leave(this.lab.simulatorUrl(), 100L);
		String declined = AbandonedClaims.leave(this.lab.simulatorUrl(), 1_000_001L);
		String neverPaid = AbandonedClaims.leave(this.lab.simulatorUrl(), null);
		this.stack.getBean(ClaimSweeper.class).sweep();
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
		String neverPaid = AbandonedClaims.leave(this.lab.simulatorUrl(), null);
		long id = this.stack.getBean(OrderRepository.class).findByKey(neverPaid).orElseThrow().order().id();
		AbandonedClaims.release(neverPaid);
		double releasedBefore = released();

		boolean settled = this.stack.getBean(ClaimSweeper.class)
			.settle(new OrderRepository.AbandonedClaim(id, neverPaid));

		assertThat(settled).isFalse();
		assertThat(released()).isEqualTo(releasedBefore);
	}

	private double released() {
		return this.stack.getBean(MeterRegistry.class)
			.get("lab.orders.swept")
			.tag("outcome", "released")
			.counter()
			.count();
	}

	@Test
	void leavesRecentClaimsToTheirRequests() {
		String key = "in-flight-" + UUID.randomUUID();
		this.stack.getBean(OrderRepository.class).claim(42, 100, key, "live");
		this.stack.getBean(ClaimSweeper.class).sweep();
		assertThat(AbandonedClaims.statusOf(key)).contains("PENDING:");
	}

}
