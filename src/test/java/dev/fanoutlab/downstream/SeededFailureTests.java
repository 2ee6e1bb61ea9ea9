package dev.fanoutlab.downstream;

import java.util.ArrayList;
import java.util.List;

import dev.fanoutlab.support.Simulator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code lab.simulator.seed}, injected failures repeat run after run. */
class SeededFailureTests {

	private static final int CALLS = 200;

	@Test
	void theSameSeedFailsTheSameCalls() {
		List<Integer> first = run("--lab.simulator.seed=42");
		List<Integer> second = run("--lab.simulator.seed=42");
		assertThat(first).hasSize(CALLS).containsOnly(200, 503);
		long failures = first.stream().filter((status) -> status == 503).count();
		assertThat(failures).isBetween(60L, 140L);
		assertThat(second).isEqualTo(first);
	}

	private static List<Integer> run(String seed) {
		try (Simulator simulator = Simulator.start(seed)) {
			List<Integer> statuses = new ArrayList<>();
			for (int i = 0; i < CALLS; i++) {
				statuses.add(simulator.get("/services/echo/" + i + "?latencyMs=0&failRate=0.5").status());
			}
			return statuses;
		}
	}

}
