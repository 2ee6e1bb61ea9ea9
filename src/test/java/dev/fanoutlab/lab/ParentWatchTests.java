package dev.fanoutlab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child of the lab whose launcher was killed hard: it stops the embedded PostgreSQL and
 * exits. Real processes: a stand-in launcher, a stand-in {@code postgres}, and a JVM that
 * runs the watch.
 */
class ParentWatchTests {

	@TempDir
	Path dir;

	private final List<Process> started = new ArrayList<>();

	@Test
	void aChildExitsAndStopsTheDatabaseWhenItsLauncherIsGone() throws Exception {
		Process launcher = start(List.of("sleep", "600"));
		Path postgres = Files.copy(Path.of("/bin/sleep"), this.dir.resolve("postgres"),
				StandardCopyOption.COPY_ATTRIBUTES);
		Process database = start(List.of(postgres.toString(), "600"));
		Process child = start(List.of(ProcessHandle.current().info().command().orElseThrow(), "-Xmx64m", "-cp",
				System.getProperty("java.class.path"), "-D" + ChildCommand.PARENT_PID_PROPERTY + "=" + launcher.pid(),
				"-D" + ParentWatch.DATABASE_PID_PROPERTY + "=" + database.pid(), WatchedMain.class.getName()));
		assertThat(child.waitFor(3, TimeUnit.SECONDS)).as("child keeps running while its launcher lives").isFalse();

		launcher.destroyForcibly().waitFor();

		assertThat(child.waitFor(1, TimeUnit.MINUTES)).as("child exits").isTrue();
		assertThat(child.exitValue()).isEqualTo(3);
		assertThat(database.waitFor(30, TimeUnit.SECONDS)).as("database stopped").isTrue();
	}

	@AfterEach
	void stopEverything() {
		this.started.forEach(Process::destroyForcibly);
	}

	private Process start(List<String> command) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.dir.resolve("out-" + this.started.size() + ".log").toFile())
			.start();
		this.started.add(process);
		return process;
	}

	/** What a role does first: install the watch; then it would serve until stopped. */
	static final class WatchedMain {

		public static void main(String[] args) throws InterruptedException {
			ParentWatch.installIfRequested();
			new CountDownLatch(1).await();
		}

	}

}
