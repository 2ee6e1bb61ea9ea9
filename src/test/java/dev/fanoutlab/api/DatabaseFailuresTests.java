package dev.fanoutlab.api;

import java.util.concurrent.atomic.AtomicInteger;

import dev.fanoutlab.support.DatabaseFailureCases;
import org.apache.commons.logging.impl.NoOpLog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one rule of both stacks: which database failures mean "unreachable, retry" (503)
 * and which a bug (500); and one WARN per quiet period during an outage.
 */
class DatabaseFailuresTests {

	static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> cases() {
		return DatabaseFailureCases.driverNeutral();
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("cases")
	void unreachableIsWhatAnswers503(Exception failure, int status) {
		assertThat(DatabaseFailures.unreachable(failure)).isEqualTo(status == 503);
	}

	@Test
	void aCauseDeepInTheChainCounts() {
		Exception wrapped = new IllegalStateException("outer",
				new RuntimeException(new DataAccessResourceFailureException("gone")));
		assertThat(DatabaseFailures.unreachable(wrapped)).isTrue();
		assertThat(DatabaseFailures.unreachable(new IllegalStateException("a bug"))).isFalse();
	}

	@Test
	void anOutageIsOneWarningPerQuietPeriod() {
		AtomicInteger warnings = new AtomicInteger();
		DatabaseFailures failures = new DatabaseFailures(new NoOpLog() {
			@Override
			public void warn(Object message) {
				warnings.incrementAndGet();
			}
		});
		for (int i = 0; i < 1000; i++) {
			failures.warnUnreachable(new DataAccessResourceFailureException("down"));
		}
		assertThat(warnings).hasValue(1);
	}

}
