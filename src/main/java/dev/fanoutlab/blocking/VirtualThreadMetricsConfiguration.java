package dev.fanoutlab.blocking;

import io.micrometer.java21.instrument.binder.jdk.VirtualThreadMetrics;

import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Virtual-thread meters of the {@code virtual} role: pinning
 * ({@code jvm.threads.virtual.pinned}), failed submits
 * ({@code jvm.threads.virtual.submit.failed}) and, on JDK 24+, the scheduler's live
 * (mounted/queued) virtual threads and carrier pool size. Stated here so the role that
 * runs on virtual threads owns them; Spring Boot's JVM metrics back off when this bean
 * exists.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnThreading(Threading.VIRTUAL)
class VirtualThreadMetricsConfiguration {

	@Bean(destroyMethod = "close")
	VirtualThreadMetrics virtualThreadMetrics() {
		return new VirtualThreadMetrics();
	}

}
