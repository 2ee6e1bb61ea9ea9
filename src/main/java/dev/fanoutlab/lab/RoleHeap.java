package dev.fanoutlab.lab;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The heap of each role when {@code LAB_CHILD_JAVA_OPTS} does not set one: a sixteenth of
 * the memory this machine (or the cgroup the lab runs in) has, so that the four heaps
 * take a quarter of it, rounded down to 64 MiB, at least {@link #FLOOR} and at most
 * {@link #CAP}, the heap every measured result used. Fixed ({@code -Xms} = {@code -Xmx})
 * on ZGC, as in the measurements: ZGC commits the whole heap at start, so what the lab
 * takes is known before it runs.
 */
record RoleHeap(long memoryBytes, String memorySource, long heapBytes) {

	static final long MIB = 1024L * 1024;

	static final long FLOOR = 256 * MIB;

	static final long CAP = 2048 * MIB;

	static final int SHARE = 16;

	/** The options of every measurement: a fixed 2 GiB heap on ZGC. */
	static final String MEASURED_JAVA_OPTS = "-Xms2g -Xmx2g -XX:+UseZGC -XX:+ExitOnOutOfMemoryError";

	private static final long STEP = 64 * MIB;

	static RoleHeap forMemory(long memoryBytes, String memorySource) {
		long share = memoryBytes / SHARE / STEP * STEP;
		return new RoleHeap(memoryBytes, memorySource, Math.min(CAP, Math.max(FLOOR, share)));
	}

	/** The rule applied to this machine's memory, or its cgroup's limit when lower. */
	static RoleHeap ofThisMachine() {
		long physical = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getTotalMemorySize();
		OptionalLong limit = cgroupLimit(Path.of("/sys/fs/cgroup"), read(Path.of("/proc/self/cgroup")));
		if (limit.isPresent() && limit.getAsLong() <= physical) {
			return forMemory(limit.getAsLong(), "the memory limit of this cgroup");
		}
		return forMemory(physical, "this machine's memory");
	}

	/**
	 * The lowest memory limit on the way from the lab's cgroup up to the root: cgroup
	 * v2's {@code memory.max} (mounted at the root, or at {@code unified/} beside v1), or
	 * v1's {@code memory/.../memory.limit_in_bytes}; empty when none is set or the files
	 * are not there.
	 */
	static OptionalLong cgroupLimit(Path cgroupRoot, String procSelfCgroup) {
		OptionalLong lowest = OptionalLong.empty();
		for (String line : procSelfCgroup.lines().toList()) {
			String[] fields = line.split(":", 3);
			if (fields.length < 3) {
				continue;
			}
			if (fields[0].equals("0") && fields[1].isEmpty()) {
				lowest = lower(lowest, lowestOnTheWayUp(cgroupRoot, fields[2], "memory.max"));
				lowest = lower(lowest, lowestOnTheWayUp(cgroupRoot.resolve("unified"), fields[2], "memory.max"));
			}
			else if (List.of(fields[1].split(",")).contains("memory")) {
				lowest = lower(lowest,
						lowestOnTheWayUp(cgroupRoot.resolve("memory"), fields[2], "memory.limit_in_bytes"));
			}
		}
		return lowest;
	}

	private static OptionalLong lowestOnTheWayUp(Path hierarchy, String path, String file) {
		OptionalLong lowest = OptionalLong.empty();
		Path group = hierarchy.resolve(path.replaceFirst("^/+", "")).normalize();
		while (group != null && group.startsWith(hierarchy)) {
			String value = read(group.resolve(file)).trim();
			if (value.matches("\\d{1,18}")) {
				lowest = lower(lowest, OptionalLong.of(Long.parseLong(value)));
			}
			group = group.equals(hierarchy) ? null : group.getParent();
		}
		return lowest;
	}

	private static OptionalLong lower(OptionalLong a, OptionalLong b) {
		if (a.isEmpty()) {
			return b;
		}
		return (b.isPresent() && b.getAsLong() < a.getAsLong()) ? b : a;
	}

	List<String> jvmOptions() {
		long mib = this.heapBytes / MIB;
		String size = (mib % 1024 == 0) ? (mib / 1024) + "g" : mib + "m";
		return List.of("-Xms" + size, "-Xmx" + size, "-XX:+UseZGC", "-XX:+ExitOnOutOfMemoryError");
	}

	/** What the launcher prints: the heap it chose, why, and how to choose another. */
	String explanation() {
		return "each role gets a fixed " + (this.heapBytes / MIB) + " MiB heap on ZGC: 1/" + SHARE + " of the "
				+ (this.memoryBytes / MIB) + " MiB of " + this.memorySource + ", at least " + (FLOOR / MIB)
				+ " MiB, at most " + (CAP / MIB) + " MiB. The measured results use LAB_CHILD_JAVA_OPTS='"
				+ MEASURED_JAVA_OPTS + "' (about 10 GiB free for the lab); set LAB_CHILD_JAVA_OPTS to choose.";
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException | RuntimeException ex) {
			return "";
		}
	}

}
