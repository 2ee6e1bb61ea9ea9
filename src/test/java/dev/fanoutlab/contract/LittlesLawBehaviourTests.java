package dev.fanoutlab.contract;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import dev.fanoutlab.support.LabCluster;
import dev.fanoutlab.support.LabHttp;
import dev.fanoutlab.support.LabHttp.Reply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The central claim, asserted on counts seen by the simulator, not on times: a platform
 * thread pool caps the calls in flight at its size, the event loop and virtual threads do
 * not. Every demand is twice the blocking stack's pool, so either outcome is far from the
 * threshold.
 */
class LittlesLawBehaviourTests extends ContractTestSupport {

	/** Twice the fan-out pool: enough to show a cap, and well above it. */
	static final int CONCURRENT_CALLS = 2 * LabCluster.FANOUT_THREADS;

	static final int CALLS_PER_REQUEST = 10;

	/**
	 * Each call of the uncapped stacks waits this long: sending the requests takes far
	 * less, so every call is in flight together whatever the machine's load.
	 */
	static final int LONG_LATENCY_MS = 5000;

	@Test
	void aPlatformThreadPoolCapsInFlightCallsAtItsSize() {
		// as many overviews as calls elsewhere: each makes several calls
		long peak = peakInFlightOfOverviewsUnderSlowProfile("blocking", CONCURRENT_CALLS);
		// A call cancelled on its timeout frees its thread at once, while the abort of
		// its exchange reaches the simulator a moment later: each such call may still
		// be counted there while the freed thread starts the next one.
		long cancelledInFlight = this.simulator.total("cancelled");
		assertThat(peak).isPositive()
			.isLessThanOrEqualTo(LabCluster.FANOUT_THREADS + cancelledInFlight)
			.isLessThan(LabCluster.FANOUT_THREADS * 5 / 4);
	}

	@Test
	void theEventLoopDoesNotCapInFlightCalls() {
		assertThat(peakInFlightOfLongFanouts("reactive")).isGreaterThan(LabCluster.FANOUT_THREADS);
	}

	@Test
	void virtualThreadsDoNotCapInFlightCalls() {
		assertThat(peakInFlightOfLongFanouts("virtual")).isGreaterThan(LabCluster.FANOUT_THREADS);
	}

	/**
	 * The overview's optional calls time out after 1 s, too short to make every request
	 * overlap on a busy machine, but a cap holds however the requests overlap.
	 */
	private long peakInFlightOfOverviewsUnderSlowProfile(String stack, int requests) {
		this.simulator.preset("slow");
		this.simulator.resetStats();
		List<Reply> replies = all(IntStream.rangeClosed(1, requests)
			.mapToObj((id) -> LabHttp.getAsync(url(stack, "/api/customers/" + id + "/overview")))
			.toList());
		assertThat(replies).extracting(Reply::status).containsOnly(200);
		return this.simulator.total("peakInFlight");
	}

	/** {@link #CONCURRENT_CALLS} echo calls of {@link #LONG_LATENCY_MS} each. */
	private long peakInFlightOfLongFanouts(String stack) {
		this.simulator.resetStats();
		String path = "/api/fanout?calls=" + CALLS_PER_REQUEST + "&latencyMs=" + LONG_LATENCY_MS + "&mode=parallel";
		all(IntStream.range(0, CONCURRENT_CALLS / CALLS_PER_REQUEST)
			.mapToObj((i) -> LabHttp.getAsync(url(stack, path)))
			.toList());
		// The status of each fan-out is not the point here: on a very busy machine a call
		// may pass its 1 s of slack and fail its fan-out (502). Every call must have
		// reached the simulator, answered or abandoned.
		this.simulator.awaitIdle();
		assertThat(this.simulator.service("echo", "requests") + this.simulator.service("echo", "cancelled"))
			.isEqualTo(CONCURRENT_CALLS);
		return this.simulator.total("peakInFlight");
	}

	private static List<Reply> all(List<CompletableFuture<Reply>> requests) {
		return requests.stream().map(CompletableFuture::join).toList();
	}

}
