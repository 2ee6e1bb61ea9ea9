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
 * The central claim, asserted on counts seen by the simulator, not on times. Each request
 * holds one call for {@value #HOLD_MS} ms, far longer than it takes to send them all, so
 * every request the stack admits overlaps with every other: the simulator's peak is the
 * stack's concurrency, exactly.
 */
class LittlesLawBehaviourTests extends ContractTestSupport {

	static final int HOLD_MS = 5000;

	@Test
	void platformRequestThreadsCapInFlightWorkAtTheirNumber() {
		// twice the threads: half of the requests wait for a thread
		int requests = 2 * LabCluster.REQUEST_THREADS;
		assertThat(peakInFlight("blocking", requests)).isEqualTo(LabCluster.REQUEST_THREADS);
	}

	@Test
	void theEventLoopDoesNotCapInFlightWork() {
		int requests = 3 * LabCluster.REQUEST_THREADS;
		assertThat(peakInFlight("reactive", requests)).isEqualTo(requests);
	}

	@Test
	void virtualThreadsDoNotCapInFlightWork() {
		int requests = 3 * LabCluster.REQUEST_THREADS;
		assertThat(peakInFlight("virtual", requests)).isEqualTo(requests);
	}

	@Test
	void aBlockingOverviewHoldsItsCallsOnTheRequestThreadsItIsGiven() {
		// three calls per overview at most (recommendations on the request thread,
		// loyalty
		// and shipping beside it), whatever the number of clients; a call cut off by its
		// timeout may still be counted at the simulator while its thread moves on
		this.simulator.preset("slow");
		this.simulator.resetStats();
		List<Reply> replies = all("blocking", "/api/customers/%d/overview", 3 * LabCluster.REQUEST_THREADS);
		assertThat(replies).extracting(Reply::status).containsOnly(200);
		assertThat(this.simulator.total("peakInFlight")).isPositive()
			.isLessThanOrEqualTo(3L * LabCluster.REQUEST_THREADS + this.simulator.total("cancelled"));
	}

	private long peakInFlight(String stack, int requests) {
		this.simulator.preset("fast");
		this.simulator.resetStats();
		List<Reply> replies = all(stack, "/api/fanout?calls=1&latencyMs=" + HOLD_MS + "", requests);
		assertThat(replies).extracting(Reply::status).containsOnly(200);
		return this.simulator.total("peakInFlight");
	}

	private List<Reply> all(String stack, String pathPattern, int requests) {
		List<CompletableFuture<Reply>> sent = IntStream.rangeClosed(1, requests)
			.mapToObj((i) -> LabHttp.getAsync(url(stack, pathPattern.formatted(i))))
			.toList();
		return sent.stream().map(CompletableFuture::join).toList();
	}

}
