package dev.fanoutlab.claims;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Who gets preempted, in one JVM: as many CPU-bound tasks as there are workers (HOG_MS of hashing
 * each, no blocking call, no yield) start, and 10 ms later short tasks arrive every 10 ms, each
 * timed from its submission to its start. Models: {@code virtual} (virtual threads; run with
 * {@code -Djdk.virtualThreadScheduler.parallelism=2}: two carriers, not time-sliced), {@code platform}
 * (a platform thread per task: the OS time-slices them) and {@code eventloop} (one thread runs every
 * task in turn, as an event loop). One JSON line: the short tasks' start delay, p50, p99, max (ms).
 */
public final class Preemption {

	private static volatile long sink;

	private Preemption() {
	}

	public static void main(String[] args) throws Exception {
		String model = args[0];
		int workers = Integer.parseInt(args[1]);
		long hogMs = Long.parseLong(args[2]);
		int shorts = (int) (hogMs / 10);
		// warm the spin loop and the submission paths first
		spin(200);
		Consumer<Runnable> submit;
		ExecutorService executor;
		switch (model) {
			case "virtual" -> executor = Executors.newVirtualThreadPerTaskExecutor();
			case "platform" -> executor = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().factory());
			case "eventloop" -> executor = Executors.newSingleThreadExecutor();
			default -> throw new IllegalArgumentException("model: virtual, platform or eventloop");
		}
		submit = executor::execute;
		int hogs = "eventloop".equals(model) ? 1 : workers;
		List<CompletableFuture<Void>> done = new ArrayList<>();
		for (int i = 0; i < hogs; i++) {
			CompletableFuture<Void> hog = new CompletableFuture<>();
			submit.accept(() -> {
				spin(hogMs);
				hog.complete(null);
			});
			done.add(hog);
		}
		Thread.sleep(10);
		double[] delays = new double[shorts];
		List<CompletableFuture<Void>> started = new ArrayList<>();
		for (int i = 0; i < shorts; i++) {
			int index = i;
			long submitted = System.nanoTime();
			CompletableFuture<Void> ran = new CompletableFuture<>();
			submit.accept(() -> {
				delays[index] = (System.nanoTime() - submitted) / 1e6;
				ran.complete(null);
			});
			started.add(ran);
			Thread.sleep(10);
		}
		CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		executor.shutdown();
		Arrays.sort(delays);
		System.out.printf(Locale.ROOT,
				"{\"model\":\"%s\",\"workers\":%d,\"hogs\":%d,\"hog_ms\":%d,\"short_tasks\":%d,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f}%n",
				model, workers, hogs, hogMs, shorts, delays[shorts / 2], delays[(int) Math.ceil(shorts * 0.99) - 1],
				delays[shorts - 1]);
	}

	/** CPU only, for ms milliseconds: no call that parks, so nothing the scheduler can switch at */
	private static void spin(long ms) {
		long end = System.nanoTime() + ms * 1_000_000;
		long x = 0;
		while (System.nanoTime() < end) {
			for (int i = 0; i < 1000; i++) {
				x = x * 6364136223846793005L + 1442695040888963407L;
			}
		}
		sink = x;
	}

}
