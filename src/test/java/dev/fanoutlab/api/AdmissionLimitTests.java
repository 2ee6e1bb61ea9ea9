package dev.fanoutlab.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The default admission limit's rule. */
class AdmissionLimitTests {

	private static final long MIB = 1024 * 1024;

	@Test
	void aQuarterOfTheHeapAt256KiBPerRequest() {
		assertThat(AdmissionLimit.of(0, 1024 * MIB)).isEqualTo(1024);
		assertThat(AdmissionLimit.of(0, 2048 * MIB)).isEqualTo(2048);
		assertThat(AdmissionLimit.of(0, 1)).isEqualTo(1);
	}

	@Test
	void theRuleNamesWhereTheLimitCameFromAndTheThreadCap() {
		assertThat(AdmissionLimit.rule(0, null)).isEqualTo("a quarter of the max heap / 256 KiB per request in flight");
		assertThat(AdmissionLimit.rule(0, 200)).isEqualTo(
				"the smaller of a quarter of the max heap / 256 KiB per request in flight and Tomcat's threads - 8 kept free to refuse");
		// a configured limit on platform threads is still capped by them, and the rule
		// says so
		assertThat(AdmissionLimit.rule(200, 200))
			.isEqualTo("the smaller of lab.admission.max-concurrent and Tomcat's threads - 8 kept free to refuse");
		assertThat(AdmissionLimit.rule(200, null)).isEqualTo("lab.admission.max-concurrent");
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
