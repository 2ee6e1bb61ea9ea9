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

	static final int TASKS_PER_OVERVIEW = 3;

	static final String RULE = "3 x Tomcat threads: each overview runs at most 3 tasks at once beside its "
			+ "request thread (orders, recommendations, loyalty; shipping after the orders), each bounded by "
			+ "the deadline, so the pool never queues overview work and Tomcat's threads stay the one wall "
			+ "(threads / critical path); /api/fanout's calls share it, each request waiting for its own";

	@Bean
	FanoutPool fanoutPool(LabStack stack, LabProperties properties, Environment environment, MeterRegistry registry) {
		if (stack.virtualThreads()) {
			return new FanoutPool(
					Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("fanout-vt-", 0).factory()), null, null);
		}
		int threads = poolSize(properties.fanout().threads(),
				environment.getProperty("server.tomcat.threads.max", Integer.class, 200));
		ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(properties.fanout().queueCapacity()),
				Thread.ofPlatform().name("fanout-", 1).factory(), new ThreadPoolExecutor.AbortPolicy());
		new ExecutorServiceMetrics(pool, "fanout", "lab.fanout.", Tags.empty()).bindTo(registry);
		return new FanoutPool(pool, threads, (properties.fanout().threads() != null) ? null : RULE);
	}

	static int poolSize(Integer configured, int tomcatThreads) {
		return (configured != null) ? configured : TASKS_PER_OVERVIEW * tomcatThreads;
	}

	/**
	 * The executor, its most threads at once and the rule that sized them ({@code null}
	 * with one virtual thread per task).
	 */
	record FanoutPool(ExecutorService executor, Integer threads, String rule) implements AutoCloseable {

		@Override
		public void close() {
			this.executor.shutdownNow();
		}

	}

}
