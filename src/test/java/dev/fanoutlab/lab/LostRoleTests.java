package dev.fanoutlab.lab;

import java.util.List;

import dev.fanoutlab.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the launcher does when a role is lost (it exited, or the health watch killed it
 * wedged): the others keep running while the simulator and one stack are up, and the
 * announcement names the role and the reason.
 */
class LostRoleTests {

	@Test
	void oneLostStackLeavesTheOthersRunning() {
		assertThat(LabLauncher.canGoOnWithout(List.of(Role.DOWNSTREAM, Role.REACTIVE, Role.VIRTUAL))).isTrue();
		assertThat(LabLauncher.canGoOnWithout(List.of(Role.DOWNSTREAM, Role.VIRTUAL))).isTrue();
	}

	@Test
	void withoutTheSimulatorOrAnyStackTheLabStops() {
		assertThat(LabLauncher.canGoOnWithout(List.of(Role.REACTIVE, Role.BLOCKING, Role.VIRTUAL))).isFalse();
		assertThat(LabLauncher.canGoOnWithout(List.of(Role.DOWNSTREAM))).isFalse();
		assertThat(LabLauncher.canGoOnWithout(List.of())).isFalse();
	}

	@Test
	void theWatchSaysWhichRoleAndWhy() {
		assertThat(HealthWatch.verdict("blocking", 8082)).startsWith("blocking ")
			.contains("http://127.0.0.1:8082/actuator/health/liveness", HealthWatch.MISSES + " polls", "wedged",
					"killed");
	}

}
