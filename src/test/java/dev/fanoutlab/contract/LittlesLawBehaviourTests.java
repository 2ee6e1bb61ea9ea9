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
 * stack's concurrency, exactly. In the default queue mode the blocking stack's request
 * threads cap it and Tomcat's queue holds the rest (shed mode, the same limit on every
 * stack, is AdmissionContractTests'); the event loop and virtual threads admit far more
 * than the requests sent here.
 */
class LittlesLawBehaviourTests extends ContractTestSupport {

	static final int HOLD_MS = 5000;

	@Test
	void platformRequestThreadsCapInFlightWorkAndTheRestWaitInTomcatsQueue() {
		// queue mode (the default): the admission limit is far above the threads, so the
		// threads alone cap the work; twice the threads: the rest wait, none is refused
		assertThat(get("blocking", "/api/info").json().path("pools").path("admission").path("mode").asString())
			.isEqualTo("queue");
		assertThat(admitted("blocking")).isGreaterThan(2 * LabCluster.REQUEST_THREADS);
		fastProfileAndFreshStats();
		List<Reply> replies = all("blocking", "/api/fanout?calls=1&latencyMs=" + HOLD_MS,
				2 * LabCluster.REQUEST_THREADS);
		assertThat(replies).extracting(Reply::status).containsOnly(200);
		assertThat(this.simulator.total("peakInFlight")).isEqualTo(LabCluster.REQUEST_THREADS);
	}

	@Test
	void theEventLoopDoesNotCapInFlightWork() {
		int requests = 3 * LabCluster.REQUEST_THREADS;
		assertThat(admitted("reactive")).isGreaterThan(requests);
		assertThat(peakInFlightAllAnswered("reactive", requests)).isEqualTo(requests);
	}

	@Test
	void virtualThreadsDoNotCapInFlightWork() {
		int requests = 3 * LabCluster.REQUEST_THREADS;
		assertThat(admitted("virtual")).isGreaterThan(requests);
		assertThat(peakInFlightAllAnswered("virtual", requests)).isEqualTo(requests);
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
		// queue mode: the overviews the threads cannot run yet wait, none is refused
		assertThat(replies).extracting(Reply::status).containsOnly(200);
		assertThat(this.simulator.total("peakInFlight")).isPositive()
			.isLessThanOrEqualTo(3L * LabCluster.REQUEST_THREADS + this.simulator.total("cancelled"));
	}

	private int admitted(String stack) {
		return get(stack, "/api/info").json().path("pools").path("admission").path("max").asInt();
	}

	private long peakInFlightAllAnswered(String stack, int requests) {
		fastProfileAndFreshStats();
		List<Reply> replies = all(stack, "/api/fanout?calls=1&latencyMs=" + HOLD_MS, requests);
		assertThat(replies).extracting(Reply::status).containsOnly(200);
		return this.simulator.total("peakInFlight");
	}

	private void fastProfileAndFreshStats() {
		this.simulator.preset("fast");
		this.simulator.resetStats();
	}

	private List<Reply> all(String stack, String pathPattern, int requests) {
		List<CompletableFuture<Reply>> sent = IntStream.rangeClosed(1, requests)
			.mapToObj((i) -> LabHttp.getAsync(url(stack, pathPattern.formatted(i))))
			.toList();
		return sent.stream().map(CompletableFuture::join).toList();
	}

}
