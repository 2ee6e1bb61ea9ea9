package dev.fanoutlab.downstream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CoalescedDelayTests {

	private static final long MS = 1_000_000;

	@Test
	void endsOnTheFirstWholeMillisecondAtOrAfterTheWait() {
		assertThat(Simulator.coalescedDelayNanos(60, 5 * MS + 300_000)).isEqualTo(60 * MS + 700_000);
		assertThat(Simulator.coalescedDelayNanos(60, 5 * MS)).isEqualTo(60 * MS);
		assertThat(Simulator.coalescedDelayNanos(0, 5 * MS + 1)).isEqualTo(MS - 1);
	}

	@Test
	void callsDueInTheSameMillisecondShareOneDeadline() {
		long first = 7 * MS + 100_000;
		long second = 7 * MS + 900_000;

		assertThat(first + Simulator.coalescedDelayNanos(120, first))
			.isEqualTo(second + Simulator.coalescedDelayNanos(120, second))
			.isEqualTo(128 * MS);
	}

	@Test
	void holdsForANegativeClock() {
		// System.nanoTime() may be negative: its origin is arbitrary
		assertThat(Simulator.coalescedDelayNanos(10, -3 * MS - 400_000)).isEqualTo(10 * MS + 400_000);
	}

}
