package dev.fanoutlab.blocking;

import java.util.concurrent.TimeUnit;

import dev.fanoutlab.api.CpuResult;
import dev.fanoutlab.api.CpuWork;
import dev.fanoutlab.api.InfoResponse.PoolInfo;

import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.thread.Threading;
import org.springframework.stereotype.Component;

/** CPU work on the request's own platform thread: the OS preempts it like any other. */
@Component
@ConditionalOnThreading(Threading.PLATFORM)
class InlineCpuRunner implements CpuRunner {

	@Override
	public CpuResult run(int rounds) {
		long start = System.nanoTime();
		String digest = CpuWork.sha256Chain(rounds);
		return new CpuResult(rounds, digest, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
	}

	@Override
	public PoolInfo threads() {
		return new PoolInfo(null, "none: runs on the request thread (platform, time-sliced by the OS)");
	}

}
