package dev.fanoutlab.api;

import java.lang.management.ManagementFactory;

import com.sun.management.ThreadMXBean;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@code lab.jvm.allocated}: the bytes this JVM's threads have allocated on the heap
 * since it started, as the JVM counts them per thread (a virtual thread's on its
 * carrier). Why not {@code jvm.gc.memory.allocated}: Micrometer derives that one from the
 * young generation's size at each collection, so it moves in steps of hundreds of
 * megabytes, and a 15 s run with a 2 GiB heap sees only a few of them.
 * bench/cpu-per-request.sh divides this one by a run's requests. Read only when scraped.
 */
public final class AllocatedBytesMetrics implements MeterBinder {

	@Override
	public void bindTo(MeterRegistry registry) {
		if (ManagementFactory.getThreadMXBean() instanceof ThreadMXBean threads
				&& threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()) {
			FunctionCounter.builder("lab.jvm.allocated", threads, ThreadMXBean::getTotalThreadAllocatedBytes)
				.baseUnit("bytes")
				.description("Bytes allocated on the heap by every thread since the JVM started")
				.register(registry);
		}
	}

}
