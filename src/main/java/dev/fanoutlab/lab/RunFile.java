package dev.fanoutlab.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import dev.fanoutlab.Role;

/**
 * A small file the running lab leaves for scripts that start one more role beside it (the
 * report's extra blocking JVMs): the database, the simulator and the JVM options of its
 * roles, as {@code KEY=value} lines a shell can source. One file per simulator port, so
 * two labs on one machine do not mix; readable by its owner only, since it holds the
 * database password; deleted when the lab stops.
 */
final class RunFile {

	private RunFile() {
	}

	/**
	 * {@code <java.io.tmpdir>/fanout-lab-<simulator port>.env}, unless LAB_RUN_FILE says.
	 */
	static Path path(Map<String, String> environment, LabSettings settings) {
		String configured = environment.get("LAB_RUN_FILE");
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured);
		}
		return Path.of(System.getProperty("java.io.tmpdir"), "fanout-lab-" + settings.port(Role.DOWNSTREAM) + ".env");
	}

	static Map<String, String> content(LabSettings settings, Database database, String java) {
		Map<String, String> lines = new LinkedHashMap<>(database.environment());
		lines.put("LAB_DOWNSTREAM_URL", settings.downstreamUrl());
		lines.put("LAB_CHILD_JAVA_OPTS", String.join(" ", settings.childJvmOptions()));
		lines.put("LAB_JAVA", java);
		return lines;
	}

	static void write(Path file, Map<String, String> content) {
		String text = content.entrySet()
			.stream()
			.map((line) -> line.getKey() + "='" + line.getValue().replace("'", "'\\''") + "'")
			.collect(Collectors.joining("\n", "", "\n"));
		try {
			Files.deleteIfExists(file);
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(file, text, StandardCharsets.UTF_8);
		}
		catch (UnsupportedOperationException ex) {
			writePlain(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not write the run file " + file, ex);
		}
	}

	private static void writePlain(Path file, String text) {
		try {
			Files.writeString(file, text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not write the run file " + file, ex);
		}
	}

	static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// the lab is stopping: a stale file names servers that are gone, no harm
		}
	}

}
