package dev.fanoutlab.reactive;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * CPU work ({@code /api/cpu}) on a scheduler of its own: one thread per core and a
 * bounded queue (full = 503 {@code overloaded}). Not {@code Schedulers.parallel()}, whose
 * threads also run every {@code timeout()}'s timer: a hash chain there delays the
 * timeouts of every overview in flight.
 */
@Configuration(proxyBeanMethods = false)
class CpuSchedulerConfiguration {

	static final int THREADS = Runtime.getRuntime().availableProcessors();

	static final int QUEUE_CAPACITY = 1_000;

	@Bean(destroyMethod = "dispose")
	Scheduler cpuScheduler() {
		ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(QUEUE_CAPACITY), Thread.ofPlatform().name("cpu-", 1).daemon().factory());
		return Schedulers.fromExecutorService(pool, "cpu");
	}

}
