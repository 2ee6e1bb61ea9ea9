package dev.fanoutlab.downstream;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Lock-free counters of one service (or of all): sums in {@link LongAdder}s, the
 * in-flight level in an {@link AtomicLong} and its peak raised with
 * {@code accumulateAndGet}.
 */
final class CallCounters {

	private final LongAdder requests = new LongAdder();

	private final LongAdder failuresInjected = new LongAdder();

	private final LongAdder cancelled = new LongAdder();

	private final AtomicLong inFlight = new AtomicLong();

	private final AtomicLong peakInFlight = new AtomicLong();

	void started() {
		long now = this.inFlight.incrementAndGet();
		this.peakInFlight.accumulateAndGet(now, Math::max);
	}

	void answered(boolean failureInjected) {
		this.inFlight.decrementAndGet();
		this.requests.increment();
		if (failureInjected) {
			this.failuresInjected.increment();
		}
	}

	void cancelled() {
		this.inFlight.decrementAndGet();
		this.cancelled.increment();
	}

	/** Zeroes the sums; the peak restarts from the calls in flight now. */
	void reset() {
		this.requests.reset();
		this.failuresInjected.reset();
		this.cancelled.reset();
		this.peakInFlight.set(this.inFlight.get());
	}

	AtomicLong inFlight() {
		return this.inFlight;
	}

	CallStats snapshot() {
		return new CallStats(this.requests.sum(), this.inFlight.get(), this.peakInFlight.get(),
				this.failuresInjected.sum(), this.cancelled.sum());
	}

	/** The JSON of {@code GET /admin/stats} for one service or the total. */
	record CallStats(long requests, long inFlight, long peakInFlight, long failuresInjected, long cancelled) {
	}

}
