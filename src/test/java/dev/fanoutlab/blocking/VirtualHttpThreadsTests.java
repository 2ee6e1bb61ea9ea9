package dev.fanoutlab.blocking;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On {@code virtual}, a fan-out of 100 HTTP calls starts no platform threads: the calls
 * run on virtual threads and the JDK HttpClient's own tasks too.
 */
class VirtualHttpThreadsTests {

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
	void aFanoutOf100CallsAddsNoPlatformThreads() throws Exception {
		stack.get("/api/fanout?calls=5&latencyMs=10"); // warm up connections and classes
		int before = platformThreads();
		CompletableFuture<Integer> status = CompletableFuture
			.supplyAsync(() -> stack.get("/api/fanout?calls=100&latencyMs=1000").statusCode());
		int peak = before;
		while (!status.isDone()) {
			peak = Math.max(peak, platformThreads());
			Thread.sleep(50);
		}
		assertThat(status.get()).isEqualTo(200);
		// the simulator (same JVM) and the JDK may add a few; 100 calls on platform
		// threads would add about 100
		assertThat(peak - before).isLessThan(20);
		assertThat(Thread.getAllStackTraces().keySet())
			.noneMatch((thread) -> thread.getName().startsWith("HttpClient-") && thread.getName().contains("Worker"));
	}

	private static int platformThreads() {
		return Thread.getAllStackTraces().size();
	}

}
