package dev.fanoutlab.blocking;

import java.util.Map;
import java.util.UUID;

import dev.fanoutlab.support.AbandonedClaims;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PENDING claims left as a crashed stack leaves them are settled from the simulator's
 * record of the payment: confirmed when approved, released when declined or never paid.
 */
class ClaimSweeperTests {

	private static RunningSimulator simulator;

	private static RunningStack stack;

	@BeforeAll
	static void start() {
		simulator = RunningSimulator.start();
		stack = RunningStack.start(true, Map.of("lab.downstream.url", simulator.url()));
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
		if (simulator != null) {
			simulator.close();
		}
	}

	@Test
	void settlesAbandonedClaimsFromThePaymentsOutcome() {
		String approved = AbandonedClaims.leave(simulator.url(), 100L);
		String declined = AbandonedClaims.leave(simulator.url(), 1_000_001L);
		String neverPaid = AbandonedClaims.leave(simulator.url(), null);
		stack.bean(ClaimSweeper.class).sweep();
		assertThat(AbandonedClaims.statusOf(approved))
			.hasValueSatisfying((status) -> assertThat(status).startsWith("CONFIRMED:AUTH-"));
		assertThat(AbandonedClaims.statusOf(declined)).isEmpty();
		assertThat(AbandonedClaims.statusOf(neverPaid)).isEmpty();
	}

	@Test
	void leavesRecentClaimsToTheirRequests() {
		String key = "in-flight-" + UUID.randomUUID();
		stack.bean(OrderRepository.class).claim(42, 100, key, "live");
		stack.bean(ClaimSweeper.class).sweep();
		assertThat(AbandonedClaims.statusOf(key)).contains("PENDING:");
	}

}
