package dev.fanoutlab.blocking;

import org.springframework.boot.thread.Threading;
import org.springframework.core.env.Environment;

/**
 * Which of the two roles this code is playing: {@code blocking} (platform threads) or
 * {@code virtual} ({@code spring.threads.virtual.enabled=true}).
 */
record LabStack(String name, boolean virtualThreads) {

	static LabStack of(Environment environment) {
		boolean virtual = Threading.VIRTUAL.isActive(environment);
		return new LabStack(virtual ? "virtual" : "blocking", virtual);
	}

}
