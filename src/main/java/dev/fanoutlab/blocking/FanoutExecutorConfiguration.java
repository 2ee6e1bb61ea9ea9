package dev.fanoutlab.blocking;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.fanoutlab.api.LabProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The executor the fan-outs run on. Platform threads: a fixed pool of
 * {@code lab.fanout.threads} named {@code fanout-N} with a bounded queue; a full queue
 * rejects (503) instead of queueing without end. Virtual threads: one per task, no pool
 * to size. Shut down with the context.
 */
@Configuration(proxyBeanMethods = false)
class FanoutExecutorConfiguration {

	@Bean(destroyMethod = "shutdownNow")
	ExecutorService fanoutExecutorService(LabStack stack, LabProperties properties, MeterRegistry registry) {
		if (stack.virtualThreads()) {
			return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("fanout-vt-", 0).factory());
		}
		LabProperties.Fanout fanout = properties.fanout();
		ThreadPoolExecutor pool = new ThreadPoolExecutor(fanout.threads(), fanout.threads(), 60, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(fanout.queueCapacity()), Thread.ofPlatform().name("fanout-", 1).factory(),
				new ThreadPoolExecutor.AbortPolicy());
		new ExecutorServiceMetrics(pool, "fanout", "lab.fanout.", Tags.empty()).bindTo(registry);
		return pool;
	}

	@Bean
	FanoutExecutor fanoutExecutor(ExecutorService fanoutExecutorService) {
		return new FanoutExecutor(fanoutExecutorService);
	}

}
