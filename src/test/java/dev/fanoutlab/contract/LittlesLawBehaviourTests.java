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
 * The central claim, asserted on counts seen by the simulator, not on times: under the
 * {@code slow} profile, 400 concurrent overviews reach the simulator with at most the
 * thread pool in flight on {@code blocking}, and with hundreds in flight on the event
 * loop and on virtual threads.
 */
class LittlesLawBehaviourTests extends ContractTestSupport {

	static final int CONCURRENT_REQUESTS = 400;

	@Test
	void aPlatformThreadPoolCapsInFlightCallsAtItsSize() {
		long peak = peakInFlightUnderSlowProfile("blocking");
		// A call cancelled on its timeout frees its thread at once, while the abort of
		// its
		// exchange reaches the simulator a moment later: each such call may still be
		// counted there while the freed thread starts the next one.
		long cancelledInFlight = this.simulator.total("cancelled");
		assertThat(peak).isPositive()
			.isLessThanOrEqualTo(LabCluster.FANOUT_THREADS + cancelledInFlight)
			.isLessThan(LabCluster.FANOUT_THREADS * 5 / 4);
	}

	@Test
	void theEventLoopDoesNotCapInFlightCalls() {
		assertThat(peakInFlightUnderSlowProfile("reactive")).isGreaterThanOrEqualTo(350);
	}

	@Test
	void virtualThreadsDoNotCapInFlightCalls() {
		assertThat(peakInFlightUnderSlowProfile("virtual")).isGreaterThanOrEqualTo(350);
	}

	private long peakInFlightUnderSlowProfile(String stack) {
		this.simulator.preset("slow");
		this.simulator.resetStats();
		List<CompletableFuture<Reply>> requests = IntStream.rangeClosed(1, CONCURRENT_REQUESTS)
			.mapToObj((id) -> LabHttp.getAsync(url(stack, "/api/customers/" + id + "/overview")))
			.toList();
		List<Reply> replies = requests.stream().map(CompletableFuture::join).toList();
		assertThat(replies).extracting(Reply::status).containsOnly(200);
		return this.simulator.total("peakInFlight");
	}

}
