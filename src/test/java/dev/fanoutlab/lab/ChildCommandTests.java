package dev.fanoutlab.lab;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import dev.fanoutlab.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ChildCommandTests {

	private static final List<String> HEAP = List.of("-Xms256m", "-Xmx512m");

	@TempDir
	Path dir;

	@Test
	void fromTheFatJarAChildRunsTheSameJarWithItsRole() throws IOException {
		Path jar = Files.createFile(this.dir.resolve("fanout-lab.jar"));
		ChildCommand command = new ChildCommand("/jdk/bin/java", ChildCommand.launchOf(jar.toString()));

		assertThat(command.build(Role.REACTIVE, HEAP, 4242, List.of("--lab.pitfalls.enabled=true"))).containsExactly(
				"/jdk/bin/java", "-Xms256m", "-Xmx512m", "-Dlab.parent-pid=4242", "-jar",
				jar.toAbsolutePath().toString(), "reactive", "--lab.pitfalls.enabled=true");
	}

	@Test
	void fromAClassPathAChildRunsTheMainClassOnTheSameClassPath() {
		String classPath = String.join(File.pathSeparator, "target/classes", "/m2/spring-core.jar");
		ChildCommand command = new ChildCommand("/jdk/bin/java", ChildCommand.launchOf(classPath));

		assertThat(command.build(Role.BLOCKING, HEAP, 7, List.of())).containsExactly("/jdk/bin/java", "-Xms256m",
				"-Xmx512m", "-Dlab.parent-pid=7", "-cp", classPath, "dev.fanoutlab.FanoutLab", "blocking");
	}

	@Test
	void aSingleDirectoryOrAMissingJarIsAClassPathNotAJar() {
		assertThat(ChildCommand.launchOf(this.dir.toString())).isInstanceOf(ChildCommand.ClassPath.class);
		assertThat(ChildCommand.launchOf(this.dir.resolve("missing.jar").toString()))
			.isInstanceOf(ChildCommand.ClassPath.class);
	}

	@Test
	void aLongClassPathGoesIntoAnArgumentFile() throws IOException {
		String entry = this.dir.resolve("a dir with spaces").resolve("some-library-1.0.0.jar").toString();
		String classPath = String.join(File.pathSeparator, Collections.nCopies(200, entry));

		List<String> options = ChildCommand.classPathOptions(classPath);

		assertThat(options).singleElement().asString().startsWith("@");
		Path argFile = Path.of(options.get(0).substring(1));
		assertThat(Files.readString(argFile)).isEqualTo("-cp \"" + classPath + "\"\n");
	}

}
