package dev.fanoutlab.virtual;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.fanoutlab.api.CpuResult;
import dev.fanoutlab.api.CpuWork;
import dev.fanoutlab.api.AdmissionLimit;
import dev.fanoutlab.api.InfoResponse.PoolInfo;
import dev.fanoutlab.api.LabProperties;
import dev.fanoutlab.blocking.CpuRunner;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.thread.Threading;
import org.springframework.stereotype.Component;

/**
 * CPU work off the carriers: virtual threads are not time-sliced, so a hash chain on one
 * holds its carrier until it ends, and with as many of them as cores every other virtual
 * thread (the ones delivering HTTP responses included) waits. Here the request's virtual
 * thread hands the work to a bounded pool of platform threads, one per core (more would
 * only time-slice the same cores), and waits, which costs a virtual thread nothing.
 */
@Component
@ConditionalOnThreading(Threading.VIRTUAL)
class OffloadedCpuRunner implements CpuRunner, DisposableBean {

	static final String RULE = "1 platform thread per core: CPU-bound work gains nothing from more threads than "
			+ "cores; queue: the requests admitted at once";

	private final ThreadPoolExecutor pool;

	OffloadedCpuRunner(LabProperties lab) {
		int cores = Runtime.getRuntime().availableProcessors();
		int admitted = AdmissionLimit.of(lab.admission().maxConcurrent(), Runtime.getRuntime().maxMemory());
		this.pool = new ThreadPoolExecutor(cores, cores, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(admitted),
				Thread.ofPlatform().name("cpu-", 1).daemon().factory(), new ThreadPoolExecutor.AbortPolicy());
	}

	@Override
	public CpuResult run(int rounds) {
		try {
			return this.pool.submit(() -> inline(rounds)).get();
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException failure) ? failure : new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the CPU pool", ex);
		}
	}

	/** The same work on the calling thread, as the pitfall endpoint runs it. */
	static CpuResult inline(int rounds) {
		long start = System.nanoTime();
		String digest = CpuWork.sha256Chain(rounds);
		return new CpuResult(rounds, digest, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
	}

	@Override
	public PoolInfo threads() {
		return new PoolInfo(this.pool.getMaximumPoolSize(), "platform threads cpu-N, off the virtual threads' carriers",
				RULE);
	}

	@Override
	public void destroy() {
		this.pool.shutdownNow();
	}

}
