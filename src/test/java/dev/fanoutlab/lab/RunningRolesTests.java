package dev.fanoutlab.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.fanoutlab.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lab's stop: the stacks first, and the simulator only once they are gone, so that a
 * request a stack finishes during its graceful shutdown can still call the simulator.
 */
class RunningRolesTests {

	@TempDir
	Path directory;

	@Test
	void theSimulatorIsAskedToStopOnlyAfterEveryStackHasExited() throws Exception {
		Path log = this.directory.resolve("stops.log");
		RunningRoles roles = new RunningRoles();
		// started in the lab's order: the simulator first, then the stacks
		roles.add(() -> fakeRole(Role.DOWNSTREAM, log, 0));
		for (Role stack : List.of(Role.REACTIVE, Role.BLOCKING, Role.VIRTUAL)) {
			roles.add(() -> fakeRole(stack, log, 1));
		}
		awaitAllTrapping(log, 4);

		List<RoleProcess> stopped = roles.stopAll(Duration.ofSeconds(20));

		assertThat(stopped).extracting(RoleProcess::role).last().isEqualTo(Role.DOWNSTREAM);
		List<String> events = Files.readAllLines(log).stream().filter((line) -> !line.endsWith(" ready")).toList();
		int simulatorTold = events.indexOf("downstream term");
		assertThat(simulatorTold).as(events.toString()).isPositive();
		for (String stack : List.of("reactive", "blocking", "virtual")) {
			assertThat(events.indexOf(stack + " exit")).as(events.toString()).isBetween(0, simulatorTold - 1);
		}
		assertThat(stopped).noneMatch(RoleProcess::isAlive);
	}

	/**
	 * A child that logs the SIGTERM it gets and, {@code lingerSeconds} later, its exit: a
	 * stack finishing its requests in flight.
	 */
	private static RoleProcess fakeRole(Role role, Path log, int lingerSeconds) {
		String name = role.id();
		String script = "trap 'echo \"" + name + " term\" >> \"$LOG\"; sleep " + lingerSeconds + "; echo \"" + name
				+ " exit\" >> \"$LOG\"; exit 0' TERM; echo \"" + name
				+ " ready\" >> \"$LOG\"; while :; do sleep 0.1; done";
		return RoleProcess.start(role, 0, List.of("sh", "-c", script), Map.of("LOG", log.toString()));
	}

	private static void awaitAllTrapping(Path log, int roles) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!Files.exists(log) || Files.readAllLines(log).size() < roles) {
			assertThat(System.nanoTime()).as("every fake role ready").isLessThan(deadline);
			Thread.sleep(50);
		}
	}

}
