package dev.fanoutlab.lab;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.fanoutlab.FanoutLab;
import dev.fanoutlab.Role;

/**
 * The command line that starts one role in its own JVM: the launcher's own java binary,
 * then either {@code -jar <jar>} (the launcher runs from the fat jar) or the launcher's
 * class path and main class (it runs from Maven's class path). A long class path goes
 * into an {@code @argfile}, so the command line stays short.
 */
record ChildCommand(String java, Launch launch) {

	/** How the child finds the application: the fat jar, or a class path. */
	sealed interface Launch permits Jar, ClassPath {

	}

	record Jar(Path jar) implements Launch {

	}

	/** The options that set the class path: {@code -cp <path>} or {@code @<argfile>}. */
	record ClassPath(List<String> options) implements Launch {

	}

	static final String PARENT_PID_PROPERTY = "lab.parent-pid";

	private static final int MAX_INLINE_CLASS_PATH = 4000;

	/** The command of the running JVM, as the launcher's children should use it. */
	static ChildCommand ofCurrentJvm() {
		String java = ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		return new ChildCommand(java, launchOf(System.getProperty("java.class.path")));
	}

	static Launch launchOf(String classPath) {
		if (!classPath.contains(File.pathSeparator) && classPath.endsWith(".jar")
				&& Files.isRegularFile(Path.of(classPath))) {
			return new Jar(Path.of(classPath).toAbsolutePath());
		}
		return new ClassPath(classPathOptions(classPath));
	}

	List<String> build(Role role, List<String> jvmOptions, long parentPid, List<String> args) {
		List<String> command = new ArrayList<>();
		command.add(this.java);
		command.addAll(jvmOptions);
		command.add("-D" + PARENT_PID_PROPERTY + "=" + parentPid);
		switch (this.launch) {
			case Jar(Path jar) -> {
				command.add("-jar");
				command.add(jar.toString());
			}
			case ClassPath(List<String> options) -> {
				command.addAll(options);
				command.add(FanoutLab.class.getName());
			}
		}
		command.add(role.id());
		command.addAll(args);
		return command;
	}

	static List<String> classPathOptions(String classPath) {
		if (classPath.length() <= MAX_INLINE_CLASS_PATH) {
			return List.of("-cp", classPath);
		}
		return List.of("@" + argFile(classPath));
	}

	/**
	 * A temporary file with {@code -cp "<class path>"}, in the java launcher's syntax.
	 */
	static Path argFile(String classPath) {
		try {
			Path file = Files.createTempFile("fanout-lab-classpath-", ".args");
			file.toFile().deleteOnExit();
			String quoted = classPath.replace("\\", "\\\\").replace("\"", "\\\"");
			Files.writeString(file, "-cp \"" + quoted + "\"\n", StandardCharsets.UTF_8);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not write the class path argument file", ex);
		}
	}

}
