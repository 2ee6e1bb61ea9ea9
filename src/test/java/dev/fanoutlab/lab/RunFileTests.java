package dev.fanoutlab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class RunFileTests {

	private final LabSettings settings = LabSettings
		.from(Map.of("LAB_DOWNSTREAM_PORT", "18490", "LAB_CHILD_JAVA_OPTS", "-Xms256m -Xmx512m"), new String[0]);

	private final Database database = new Database("127.0.0.1", 54321, "fanoutlab", "fanoutlab", "it's",
			Optional.of(ProcessHandle.current()));

	@Test
	void oneFilePerSimulatorPortUnlessConfigured() {
		assertThat(RunFile.path(Map.of(), this.settings)).hasFileName("fanout-lab-18490.env");
		assertThat(RunFile.path(Map.of("LAB_RUN_FILE", "/somewhere/lab.env"), this.settings))
			.isEqualTo(Path.of("/somewhere/lab.env"));
	}

	@Test
	void holdsWhatAnotherRoleNeedsAsShellAssignments(@TempDir Path dir) throws IOException, InterruptedException {
		Path file = dir.resolve("lab.env");
		RunFile.write(file, RunFile.content(this.settings, this.database, "/jdk/bin/java"));

		Process shell = new ProcessBuilder("sh", "-c",
				". \"$0\" && echo \"$LAB_DB_HOST $LAB_DB_PORT $LAB_DB_PASSWORD|$LAB_DOWNSTREAM_URL|$LAB_CHILD_JAVA_OPTS|$LAB_JAVA\"",
				file.toString())
			.redirectErrorStream(true)
			.start();
		String sourced = new String(shell.getInputStream().readAllBytes()).trim();

		assertThat(shell.waitFor()).isZero();
		assertThat(sourced).isEqualTo("127.0.0.1 54321 it's|http://127.0.0.1:18490|-Xms256m -Xmx512m|/jdk/bin/java");
		assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE);
	}

	@Test
	void deletedWhenTheLabStops(@TempDir Path dir) {
		Path file = dir.resolve("lab.env");
		RunFile.write(file, RunFile.content(this.settings, this.database, "java"));

		RunFile.delete(file);

		assertThat(file).doesNotExist();
		assertThat(List.of(dir.toFile().list())).isEmpty();
	}

}
