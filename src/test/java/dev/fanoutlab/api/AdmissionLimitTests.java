package dev.fanoutlab.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The admission limit's rules, by overload mode. */
class AdmissionLimitTests {

	private static final long MIB = 1024 * 1024;

	@Test
	void aQuarterOfTheHeapAt256KiBPerRequest() {
		assertThat(AdmissionLimit.of(0, 1024 * MIB)).isEqualTo(1024);
		assertThat(AdmissionLimit.of(0, 2048 * MIB)).isEqualTo(2048);
		assertThat(AdmissionLimit.of(0, 1)).isEqualTo(1);
	}

	@Test
	void queueModeAdmitsTheHeapsLimitOnEveryStackAndLetsTomcatQueueTheRest() {
		AdmissionLimit.Decision platform = AdmissionLimit.decide(settings(0, AdmissionLimit.Mode.QUEUE), 2048 * MIB,
				200, true);
		AdmissionLimit.Decision eventLoop = AdmissionLimit.decide(settings(0, AdmissionLimit.Mode.QUEUE), 2048 * MIB,
				200, false);
		assertThat(platform.limit()).isEqualTo(2048);
		assertThat(eventLoop.limit()).isEqualTo(2048);
		assertThat(platform.mode()).isEqualTo(AdmissionLimit.Mode.QUEUE);
		assertThat(eventLoop.rule())
			.isEqualTo("queue, nothing refused below a quarter of the max heap / 256 KiB per request in flight");
		assertThat(platform.rule()).isEqualTo("queue, nothing refused below a quarter of the max heap / 256 KiB "
				+ "per request in flight; 200 Tomcat request threads run at most that many at once, the rest wait in "
				+ "Tomcat's queue");
	}

	@Test
	void shedModeAdmitsTheSameNumberOnEveryStack() {
		for (boolean platformThreads : new boolean[] { true, false }) {
			AdmissionLimit.Decision shed = AdmissionLimit.decide(settings(0, AdmissionLimit.Mode.SHED), 2048 * MIB, 200,
					platformThreads);
			assertThat(shed.limit()).isEqualTo(192);
			assertThat(shed.mode()).isEqualTo(AdmissionLimit.Mode.SHED);
			assertThat(shed.rule()).isEqualTo("shed, the same on every stack: the smaller of a quarter of the max "
					+ "heap / 256 KiB per request in flight and server.tomcat.threads.max (200) - 8 kept free to refuse");
			assertThat(AdmissionLimit.decide(settings(50, AdmissionLimit.Mode.SHED), 2048 * MIB, 200, platformThreads)
				.limit()).isEqualTo(50);
		}
		// a small heap sheds lower, on every stack alike
		assertThat(AdmissionLimit.decide(settings(0, AdmissionLimit.Mode.SHED), 128 * MIB, 200, false).limit())
			.isEqualTo(128);
	}

	@Test
	void aConfiguredShedLimitOnPlatformThreadsStaysBelowThemAndTheRuleSaysSo() {
		AdmissionLimit.Decision platform = AdmissionLimit.decide(settings(1000, AdmissionLimit.Mode.SHED), 2048 * MIB,
				200, true);
		assertThat(platform.limit()).isEqualTo(192);
		assertThat(platform.rule()).isEqualTo("shed, the same on every stack: the smaller of "
				+ "lab.admission.max-concurrent and server.tomcat.threads.max (200) - 8 kept free to refuse");
		assertThat(AdmissionLimit.decide(settings(1000, AdmissionLimit.Mode.SHED), 2048 * MIB, 200, false).rule())
			.isEqualTo("shed, the same on every stack: lab.admission.max-concurrent");
	}

	private static LabProperties.Admission settings(int maxConcurrent, AdmissionLimit.Mode mode) {
		return new LabProperties.Admission(maxConcurrent, mode);
	}

	@Test
	void aConfiguredLimitWins() {
		assertThat(AdmissionLimit.of(7, 512 * MIB)).isEqualTo(7);
	}

	@Test
	void platformThreadsKeepEightFreeToRefuse() {
		assertThat(AdmissionLimit.ofThreads(1024, 200)).isEqualTo(192);
		assertThat(AdmissionLimit.ofThreads(1024, 40)).isEqualTo(32);
		assertThat(AdmissionLimit.ofThreads(4096, 1600)).isEqualTo(1592);
		assertThat(AdmissionLimit.ofThreads(50, 200)).isEqualTo(50);
		assertThat(AdmissionLimit.ofThreads(1024, 4)).isEqualTo(1);
	}

}
