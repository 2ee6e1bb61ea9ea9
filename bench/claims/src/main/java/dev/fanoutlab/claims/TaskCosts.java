package dev.fanoutlab.claims;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * What one task costs in each model. {@code spawn*}: create, start and wait for a task with an
 * empty body (the caller is a platform thread, JMH's). {@code handoff*}: one hand-off from one task
 * to another, each side suspended until the other wakes it (park/unpark, the "per-await overhead"),
 * measured over a chain of {@link #HOPS} hops and reported per hop. {@code step*}: one continuation
 * run on a value that is already there (no thread switch: the floor of an await in an async chain).
 * The defaults below are bench/claims.sh's; JMH's command line overrides them (-f -wi -i -w -r).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class TaskCosts {

	static final int HOPS = 1000;

	private static final UnaryOperator<Integer> NEXT = (x) -> x + 1;

	/** Two single-thread pools, so that every hop between them is a hand-off between threads */
	private ExecutorService poolA;

	private ExecutorService poolB;

	private Scheduler schedulerA;

	private Scheduler schedulerB;

	@Setup(Level.Trial)
	public void pools() {
		this.poolA = Executors.newSingleThreadExecutor();
		this.poolB = Executors.newSingleThreadExecutor();
		this.schedulerA = Schedulers.fromExecutorService(this.poolA);
		this.schedulerB = Schedulers.fromExecutorService(this.poolB);
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.poolA.shutdownNow();
		this.poolB.shutdownNow();
	}

	// --- spawn: create + start + join -------------------------------------------------------

	@Benchmark
	public void spawnPlatformThread() throws InterruptedException {
		Thread.ofPlatform().start(TaskCosts::empty).join();
	}

	@Benchmark
	public void spawnVirtualThread() throws InterruptedException {
		Thread.ofVirtual().start(TaskCosts::empty).join();
	}

	@Benchmark
	public Integer spawnPoolTask() throws InterruptedException, ExecutionException {
		return this.poolA.submit(() -> 1).get();
	}

	@Benchmark
	public Integer spawnCompletableFuture() {
		return CompletableFuture.supplyAsync(() -> 1, this.poolA).join();
	}

	@Benchmark
	public Integer spawnMono() {
		return Mono.fromCallable(() -> 1).subscribeOn(this.schedulerA).toFuture().join();
	}

	// --- hand-off: one task wakes the other, which was parked --------------------------------

	@Benchmark
	@OperationsPerInvocation(HOPS)
	public void handoffPlatformThread() throws InterruptedException {
		PingPong.run(Thread.ofPlatform(), HOPS / 2);
	}

	@Benchmark
	@OperationsPerInvocation(HOPS)
	public void handoffVirtualThread() throws InterruptedException {
		PingPong.run(Thread.ofVirtual(), HOPS / 2);
	}

	@Benchmark
	@OperationsPerInvocation(HOPS)
	public Integer handoffPoolTask() {
		CompletableFuture<Integer> done = new CompletableFuture<>();
		this.poolA.execute(() -> hop(0, done));
		return done.join();
	}

	private void hop(int hops, CompletableFuture<Integer> done) {
		if (hops == HOPS) {
			done.complete(hops);
			return;
		}
		((hops % 2 == 0) ? this.poolB : this.poolA).execute(() -> hop(hops + 1, done));
	}

	@Benchmark
	@OperationsPerInvocation(HOPS)
	public Integer handoffCompletableFuture() {
		CompletableFuture<Integer> start = new CompletableFuture<>();
		CompletableFuture<Integer> chain = start;
		for (int i = 0; i < HOPS; i++) {
			chain = chain.thenApplyAsync(NEXT, (i % 2 == 0) ? this.poolA : this.poolB);
		}
		start.complete(0);
		return chain.join();
	}

	@Benchmark
	@OperationsPerInvocation(HOPS)
	public Integer handoffMono() {
		Mono<Integer> chain = Mono.just(0);
		for (int i = 0; i < HOPS; i++) {
			chain = chain.publishOn((i % 2 == 0) ? this.schedulerA : this.schedulerB).map(NEXT);
		}
		return chain.toFuture().join();
	}

	// --- step: a continuation on a value already there ----------------------------------------

	@Benchmark
	@OutputTimeUnit(TimeUnit.NANOSECONDS)
	public Integer stepCompletableFuture() {
		CompletableFuture<Integer> source = new CompletableFuture<>();
		CompletableFuture<Integer> step = source.thenApply(NEXT);
		source.complete(1);
		return step.join();
	}

	@Benchmark
	@OutputTimeUnit(TimeUnit.NANOSECONDS)
	public void stepMono(Blackhole blackhole) {
		Mono.just(1).map(NEXT).subscribe(blackhole::consume);
	}

	private static void empty() {
	}

}
