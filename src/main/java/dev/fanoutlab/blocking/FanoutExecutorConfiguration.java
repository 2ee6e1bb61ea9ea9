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
import org.springframework.core.env.Environment;

/**
 * The executor for the work that runs beside a request thread. Platform threads: a fixed
 * pool named {@code fanout-N} with a bounded queue (a full queue rejects: 503, no endless
 * queueing), sized by {@link #RULE} unless {@code lab.fanout.threads} is set. Virtual
 * threads: one per task, no pool to size. Shut down with the context.
 */
@Configuration(proxyBeanMethods = false)
class FanoutExecutorConfiguration {

	static final int TASKS_PER_OVERVIEW = 2;

	static final String RULE = "2 x Tomcat threads: each overview runs 2 tasks beside its request thread, "
			+ "each ending before the request does, so the pool never queues overview work "
			+ "and Tomcat's threads stay the one wall (threads / critical path)";

	@Bean(destroyMethod = "shutdownNow")
	ExecutorService fanoutExecutorService(LabStack stack, LabProperties properties, Environment environment,
			MeterRegistry registry) {
		if (stack.virtualThreads()) {
			return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("fanout-vt-", 0).factory());
		}
		int threads = poolSize(properties.fanout().threads(),
				environment.getProperty("server.tomcat.threads.max", Integer.class, 200));
		ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(properties.fanout().queueCapacity()),
				Thread.ofPlatform().name("fanout-", 1).factory(), new ThreadPoolExecutor.AbortPolicy());
		new ExecutorServiceMetrics(pool, "fanout", "lab.fanout.", Tags.empty()).bindTo(registry);
		return pool;
	}

	@Bean
	FanoutExecutor fanoutExecutor(ExecutorService fanoutExecutorService, LabProperties properties) {
		return new FanoutExecutor(fanoutExecutorService, (properties.fanout().threads() != null) ? null : RULE);
	}

	static int poolSize(Integer configured, int tomcatThreads) {
		return (configured != null) ? configured : TASKS_PER_OVERVIEW * tomcatThreads;
	}

}
