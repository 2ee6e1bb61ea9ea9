package dev.fanoutlab.claims;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.ObjectName;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * N tasks waiting on one gate, in a JVM of their own: what each costs while it waits. One JSON line
 * out: the heap after a full GC, RSS, and Native Memory Tracking's thread stacks, before the tasks
 * exist and while they all wait, then a check that every one of them ran to the end.
 *
 * <pre>
 * java -XX:NativeMemoryTracking=summary -Xms4g -Xmx4g -cp claims-benchmarks.jar \
 *     dev.fanoutlab.claims.WaitingTasks virtual 100000 20 warm
 * </pre>
 *
 * Models: {@code platform} and {@code virtual} (a thread that calls down {@code depth} frames, then
 * waits on a latch), {@code future} (a {@code CompletableFuture} step waiting on the gate future),
 * {@code mono} (a subscribed {@code Mono} waiting on the gate future). {@code warm}: before the
 * measurement, 50,000 virtual threads park and wake at the same depth, so that the JIT has compiled
 * the frames that are frozen (a cold JVM freezes interpreted frames, which are larger).
 */
public final class WaitingTasks {

	private static final Pattern NMT_THREAD = Pattern
		.compile("Thread \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)\\s*\\n\\s*\\(threads #(\\d+)\\)");

	private static final Pattern NMT_STACK = Pattern.compile("\\(stack: reserved=(\\d+)KB, committed=(\\d+)KB");

	private static final AtomicLong SINK = new AtomicLong();

	private WaitingTasks() {
	}

	public static void main(String[] args) throws Exception {
		String model = args[0];
		int n = Integer.parseInt(args[1]);
		int depth = (args.length > 2) ? Integer.parseInt(args[2]) : 1;
		boolean warm = args.length > 3 && "warm".equals(args[3]);
		if ("platform".equals(model)) {
			String refusal = platformLimit(n);
			if (refusal != null) {
				System.out.printf(Locale.ROOT, "{\"model\":\"%s\",\"n\":%d,\"depth\":%d,\"skipped\":\"%s\"}%n", model, n,
						depth, refusal);
				return;
			}
		}
		if (warm) {
			warmUp(depth);
		}
		Reading before = Reading.take();
		CountDownLatch gate = new CountDownLatch(1);
		CompletableFuture<Integer> gateFuture = new CompletableFuture<>();
		long started = System.nanoTime();
		List<Object> tasks = new ArrayList<>(n);
		AtomicLong finished = new AtomicLong();
		switch (model) {
			case "platform", "virtual" -> {
				CountDownLatch parked = new CountDownLatch(n);
				Thread.Builder builder = "virtual".equals(model) ? Thread.ofVirtual() : Thread.ofPlatform();
				for (int i = 0; i < n; i++) {
					tasks.add(builder.start(() -> {
						parked.countDown();
						SINK.addAndGet(down(depth, gate));
						finished.incrementAndGet();
					}));
				}
				parked.await();
				for (Object task : tasks) {
					while (((Thread) task).getState() != Thread.State.WAITING) {
						Thread.sleep(1);
					}
				}
			}
			case "future" -> {
				for (int i = 0; i < n; i++) {
					int key = i;
					tasks.add(gateFuture.thenApply((x) -> x + key).thenAccept((x) -> finished.incrementAndGet()));
				}
			}
			case "mono" -> {
				for (int i = 0; i < n; i++) {
					int key = i;
					Disposable subscription = Mono.fromFuture(gateFuture)
						.map((x) -> x + key)
						.subscribe((x) -> finished.incrementAndGet());
					tasks.add(subscription);
				}
			}
			default -> throw new IllegalArgumentException("model: platform, virtual, future or mono");
		}
		double startSeconds = (System.nanoTime() - started) / 1e9;
		Reading waiting = Reading.take();
		gate.countDown();
		gateFuture.complete(1);
		for (Object task : tasks) {
			if (task instanceof Thread thread) {
				thread.join();
			}
		}
		long deadline = System.nanoTime() + 30_000_000_000L;
		while (finished.get() < n && System.nanoTime() < deadline) {
			Thread.sleep(1);
		}
		System.out.printf(Locale.ROOT,
				"{\"model\":\"%s\",\"n\":%d,\"depth\":%d,\"warm\":%b,\"finished\":%d,\"start_s\":%.3f,"
						+ "\"heap_before\":%d,\"heap_waiting\":%d,\"rss_before\":%d,\"rss_waiting\":%d,"
						+ "\"threads_before\":%d,\"threads_waiting\":%d,"
						+ "\"nmt_thread_reserved_before\":%d,\"nmt_thread_committed_before\":%d,"
						+ "\"nmt_thread_reserved_waiting\":%d,\"nmt_thread_committed_waiting\":%d,"
						+ "\"nmt_stack_reserved_waiting\":%d,\"nmt_stack_committed_waiting\":%d}%n",
				model, n, depth, warm, finished.get(), startSeconds, before.heap, waiting.heap, before.rss,
				waiting.rss, before.nmtThreads, waiting.nmtThreads, before.threadReserved, before.threadCommitted,
				waiting.threadReserved, waiting.threadCommitted, waiting.stackReserved, waiting.stackCommitted);
	}

	/** depth frames down, then the wait: the frames a virtual thread freezes into its stack chunk */
	private static long down(int depth, CountDownLatch gate) {
		if (depth <= 1) {
			try {
				gate.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return 1;
		}
		long below = down(depth - 1, gate);
		return below + depth;
	}

	private static void warmUp(int depth) throws InterruptedException {
		for (int round = 0; round < 50; round++) {
			CountDownLatch gate = new CountDownLatch(1);
			CountDownLatch parked = new CountDownLatch(1000);
			List<Thread> threads = new ArrayList<>(1000);
			for (int i = 0; i < 1000; i++) {
				threads.add(Thread.ofVirtual().start(() -> {
					parked.countDown();
					SINK.addAndGet(down(depth, gate));
				}));
			}
			parked.await();
			Thread.sleep(2);
			gate.countDown();
			for (Thread thread : threads) {
				thread.join();
			}
		}
	}

	/** Why the OS would not give this JVM n more threads, or null when it can */
	private static String platformLimit(int n) throws IOException {
		long userProcesses = Long.MAX_VALUE;
		for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
			if (line.startsWith("Max processes")) {
				String soft = line.substring(26).trim().split("\\s+")[0];
				userProcesses = "unlimited".equals(soft) ? Long.MAX_VALUE : Long.parseLong(soft);
			}
		}
		long threadsMax = firstNumber("/proc/sys/kernel/threads-max");
		long pidMax = firstNumber("/proc/sys/kernel/pid_max");
		long mapCount = firstNumber("/proc/sys/vm/max_map_count");
		long pidsMax = Long.MAX_VALUE;
		for (String file : List.of("/sys/fs/cgroup/pids.max", "/sys/fs/cgroup/pids/pids.max")) {
			Path path = Path.of(file);
			if (Files.exists(path)) {
				String value = Files.readAllLines(path).get(0).trim();
				pidsMax = Math.min(pidsMax, "max".equals(value) ? Long.MAX_VALUE : Long.parseLong(value));
			}
		}
		// every thread is a pid; the machine is shared, so keep a margin of 4,096 for everyone else
		long running = 0;
		try (var tasks = Files.list(Path.of("/proc"))) {
			for (Path proc : (Iterable<Path>) tasks::iterator) {
				if (proc.getFileName().toString().chars().allMatch(Character::isDigit)) {
					try (var threads = Files.list(proc.resolve("task"))) {
						running += threads.count();
					}
					catch (IOException | SecurityException ex) {
						// the process ended meanwhile
					}
				}
			}
		}
		long systemRoom = Math.min(Math.min(threadsMax, pidMax), pidsMax) - running - 4096;
		// each thread stack is a mapping and a guard page: two of this process's max_map_count
		long mapRoom = mapCount / 2 - 1000;
		long room = Math.min(Math.min(userProcesses, systemRoom), mapRoom);
		if (n <= room) {
			return null;
		}
		return String.format(Locale.ROOT,
				"the OS allows about %d more threads here (ulimit -u %s, threads-max %d, pid_max %d, cgroup pids.max %s,"
						+ " %d threads running, vm.max_map_count %d = %d thread stacks per process, 4,096 kept for others)",
				room, (userProcesses == Long.MAX_VALUE) ? "unlimited" : Long.toString(userProcesses), threadsMax, pidMax,
				(pidsMax == Long.MAX_VALUE) ? "max" : Long.toString(pidsMax), running, mapCount, mapCount / 2);
	}

	/** procfs reports a size of 0: read lines, not the whole file by its size */
	private static long firstNumber(String file) throws IOException {
		return Long.parseLong(Files.readAllLines(Path.of(file)).get(0).trim());
	}

	private record Reading(long heap, long rss, long nmtThreads, long threadReserved, long threadCommitted,
			long stackReserved, long stackCommitted) {

		static Reading take() throws Exception {
			for (int i = 0; i < 3; i++) {
				System.gc();
			}
			long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
			long rss = 0;
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmRSS:")) {
					rss = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
				}
			}
			String nmt = (String) ManagementFactory.getPlatformMBeanServer()
				.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
						new Object[] { new String[] { "summary", "scale=KB" } },
						new String[] { String[].class.getName() });
			Matcher thread = NMT_THREAD.matcher(nmt);
			Matcher stack = NMT_STACK.matcher(nmt);
			boolean tracked = thread.find() && stack.find();
			return new Reading(heap, rss, tracked ? Long.parseLong(thread.group(3)) : -1,
					tracked ? Long.parseLong(thread.group(1)) * 1024 : -1,
					tracked ? Long.parseLong(thread.group(2)) * 1024 : -1,
					tracked ? Long.parseLong(stack.group(1)) * 1024 : -1,
					tracked ? Long.parseLong(stack.group(2)) * 1024 : -1);
		}

	}

}
