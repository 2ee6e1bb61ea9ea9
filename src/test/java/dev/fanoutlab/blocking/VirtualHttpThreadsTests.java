package dev.fanoutlab.blocking;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import dev.fanoutlab.support.Simulator;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On {@code virtual}, a fan-out of 100 HTTP calls starts no platform threads: the calls
 * run on virtual threads and the JDK HttpClient's own tasks too.
 */
class VirtualHttpThreadsTests {

	@AutoClose
	private static Simulator simulator;

	@AutoClose
	private static RunningStack stack;

	@BeforeAll
	static void start() {
		simulator = Simulator.start();
		// a per-call slack far above the test's latency: a busy machine slows the calls,
		// it must not fail them
		stack = RunningStack.start(true,
				Map.of("lab.downstream.url", simulator.url(), "lab.downstream.timeout", "30s"));
	}

	@Test
	void aFanoutOf100CallsAddsNoPlatformThreads() throws Exception {
		stack.get("/api/fanout?calls=5&latencyMs=10"); // warm up connections and classes
		// threads other tests left behind (an HttpClient keeps idle workers for 60 s)
		// are not this fan-out's
		Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
		CompletableFuture<Integer> status = CompletableFuture
			.supplyAsync(() -> stack.get("/api/fanout?calls=100&latencyMs=1000").statusCode());
		Set<String> started = new TreeSet<>();
		int peak = 0;
		while (!status.isDone()) {
			Set<Thread> now = Thread.getAllStackTraces().keySet();
			peak = Math.max(peak, (int) now.stream().filter((thread) -> !before.contains(thread)).count());
			now.stream().filter((thread) -> !before.contains(thread)).map(Thread::getName).forEach(started::add);
			Thread.sleep(50);
		}
		assertThat(status.get()).isEqualTo(200);
		// the simulator (same JVM) and the JDK may add a few; 100 calls on platform
		// threads would add about 100
		assertThat(peak).as("platform threads started during the fan-out: %s", started).isLessThan(20);
		assertThat(started).noneMatch((name) -> name.startsWith("HttpClient-") && name.contains("Worker"));
	}

}
