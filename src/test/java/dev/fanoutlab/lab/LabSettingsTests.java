package dev.fanoutlab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.fanoutlab.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LabSettingsTests {

	private static final String[] NO_ARGS = {};

	private static final long GIB = 1024L * 1024 * 1024;

	/** A machine with room for the measured heap: 2 GiB is its sixteenth. */
	private static final RoleHeap BIG_MACHINE = RoleHeap.forMemory(32 * GIB, "a test machine");

	@Test
	void defaultsAreTheContractPortsTheEmbeddedDatabaseAndAFixedHeap() {
		LabSettings settings = LabSettings.from(Map.of(), NO_ARGS, BIG_MACHINE);

		assertThat(settings.ports()).containsOnly(Map.entry(Role.DOWNSTREAM, 8090), Map.entry(Role.REACTIVE, 8081),
				Map.entry(Role.BLOCKING, 8082), Map.entry(Role.VIRTUAL, 8083));
		assertThat(settings.externalDatabase()).isEmpty();
		assertThat(settings.childJvmOptions()).containsExactly("-Xms2g", "-Xmx2g", "-XX:+UseZGC",
				"-XX:+ExitOnOutOfMemoryError");
		assertThat(settings.startupTimeout()).isEqualTo(Duration.ofSeconds(180));
		assertThat(settings.downstreamUrl()).isEqualTo("http://127.0.0.1:8090");
	}

	@Test
	void portsHeapAndStartupTimeoutComeFromTheEnvironment() {
		LabSettings settings = LabSettings.from(Map.of("LAB_DOWNSTREAM_PORT", "18490", "LAB_REACTIVE_PORT", "18481",
				"LAB_CHILD_JAVA_OPTS", " -Xmx1g  -XX:+UseZGC ", "LAB_STARTUP_TIMEOUT", "300"), NO_ARGS);

		assertThat(settings.port(Role.DOWNSTREAM)).isEqualTo(18490);
		assertThat(settings.port(Role.REACTIVE)).isEqualTo(18481);
		assertThat(settings.port(Role.BLOCKING)).isEqualTo(8082);
		assertThat(settings.downstreamUrl()).isEqualTo("http://127.0.0.1:18490");
		assertThat(settings.childJvmOptions()).containsExactly("-Xmx1g", "-XX:+UseZGC");
		assertThat(settings.startupTimeout()).isEqualTo(Duration.ofSeconds(300));
	}

	@Test
	void aPortThatIsNotANumberIsRejectedWithItsName() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LabSettings.from(Map.of("LAB_VIRTUAL_PORT", "eighty"), NO_ARGS))
			.withMessage("LAB_VIRTUAL_PORT must be a whole number, not 'eighty'");
	}

	@Test
	void theEmbeddedDatabasesPasswordIsLabDbPasswordOrANewRandomOne() {
		assertThat(LabSettings.from(Map.of("LAB_DB_PASSWORD", "chosen"), NO_ARGS).embeddedDatabasePassword())
			.isEqualTo("chosen");
		String first = LabSettings.from(Map.of(), NO_ARGS).embeddedDatabasePassword();
		String second = LabSettings.from(Map.of(), NO_ARGS).embeddedDatabasePassword();
		assertThat(first).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(second).isNotEqualTo("fanoutlab");
	}

	@Test
	void aDatabaseHostInTheEnvironmentReplacesTheEmbeddedDatabase() {
		LabSettings settings = LabSettings.from(Map.of("LAB_DB_HOST", "db.example", "LAB_DB_PASSWORD", "secret"),
				NO_ARGS);

		assertThat(settings.externalDatabase())
			.contains(Database.external("db.example", 5432, "fanoutlab", "fanoutlab", "secret"));
	}

	@Test
	void databaseArgumentsWinOverTheEnvironmentAndOtherArgumentsGoToEveryChild() {
		LabSettings settings = LabSettings.from(Map.of("LAB_DB_HOST", "from-env"),
				new String[] { "--lab.db.host=pg", "--lab.db.port=6543", "--lab.pitfalls.enabled=true" }, BIG_MACHINE);

		assertThat(settings.externalDatabase()).get()
			.extracting(Database::jdbcUrl)
			.isEqualTo("jdbc:postgresql://pg:6543/fanoutlab");
		assertThat(settings.forwardedArgs()).containsExactly("--lab.pitfalls.enabled=true");
	}

	@Test
	void databaseSettingsOtherThanTheConnectionReachEveryRoleAsArguments() {
		LabSettings settings = LabSettings.from(Map.of(),
				new String[] { "--lab.db.pool-size=30", "--lab.db.password=secret", "--lab.db.poolSize=31" },
				BIG_MACHINE);

		assertThat(settings.forwardedArgs()).containsExactly("--lab.db.pool-size=30", "--lab.db.poolSize=31");
		assertThat(settings.externalDatabase()).isEmpty();
	}

	@Test
	void withoutChildJavaOptsEachRoleGetsASixteenthOfTheMemoryBetweenTheFloorAndTheCap() {
		assertThat(RoleHeap.forMemory(8 * GIB, "m").jvmOptions()).containsExactly("-Xms512m", "-Xmx512m", "-XX:+UseZGC",
				"-XX:+ExitOnOutOfMemoryError");
		assertThat(RoleHeap.forMemory(24 * GIB, "m").heapBytes()).isEqualTo(1536 * RoleHeap.MIB);
		assertThat(RoleHeap.forMemory(64 * GIB, "m").heapBytes()).isEqualTo(2048 * RoleHeap.MIB);
		assertThat(RoleHeap.forMemory(2 * GIB, "m").heapBytes()).isEqualTo(256 * RoleHeap.MIB);
		// 5 GiB / 16 = 320 MiB, rounded down to a multiple of 64 MiB
		assertThat(RoleHeap.forMemory(5 * GIB + 1000, "m").heapBytes()).isEqualTo(320 * RoleHeap.MIB);
		// 4.5 GiB / 16 = 288 MiB: 256
		assertThat(RoleHeap.forMemory(4 * GIB + GIB / 2, "m").heapBytes()).isEqualTo(256 * RoleHeap.MIB);

		LabSettings laptop = LabSettings.from(Map.of(), NO_ARGS, RoleHeap.forMemory(8 * GIB, "this machine's memory"));
		assertThat(laptop.childJvmOptions()).containsExactly("-Xms512m", "-Xmx512m", "-XX:+UseZGC",
				"-XX:+ExitOnOutOfMemoryError");
		assertThat(laptop.childJvmOptionsNote()).contains("512 MiB", "8192 MiB of this machine's memory",
				"LAB_CHILD_JAVA_OPTS='-Xms2g -Xmx2g -XX:+UseZGC -XX:+ExitOnOutOfMemoryError'");
	}

	@Test
	void childJavaOptsReplaceTheRuleAndTheLabSaysSo() {
		LabSettings settings = LabSettings.from(Map.of("LAB_CHILD_JAVA_OPTS", "-Xms2g -Xmx2g -XX:+UseZGC"), NO_ARGS,
				RoleHeap.forMemory(8 * GIB, "m"));

		assertThat(settings.childJvmOptions()).containsExactly("-Xms2g", "-Xmx2g", "-XX:+UseZGC");
		assertThat(settings.childJvmOptionsNote())
			.isEqualTo("every role runs with LAB_CHILD_JAVA_OPTS='-Xms2g -Xmx2g -XX:+UseZGC'");
	}

	@Test
	void theMemoryIsTheLowestCgroupLimitOnTheWayToTheRoot(@TempDir Path root) throws IOException {
		Path lab = Files.createDirectories(root.resolve("user.slice/lab"));
		Files.writeString(root.resolve("user.slice/memory.max"), "8589934592\n");
		Files.writeString(lab.resolve("memory.max"), "max\n");

		assertThat(RoleHeap.cgroupLimit(root, "0::/user.slice/lab\n")).hasValue(8589934592L);
		Files.writeString(lab.resolve("memory.max"), "4294967296\n");
		assertThat(RoleHeap.cgroupLimit(root, "0::/user.slice/lab\n")).hasValue(4294967296L);
		assertThat(RoleHeap.cgroupLimit(root, "0::/\n")).isEmpty();
		assertThat(RoleHeap.cgroupLimit(root, "4:memory:/x\n")).isEmpty();
	}

	@Test
	void cgroupV1sMemoryLimitCountsToo(@TempDir Path root) throws IOException {
		Path lab = Files.createDirectories(root.resolve("memory/box/lab"));
		Files.writeString(root.resolve("memory/memory.limit_in_bytes"), "9223372036854771712\n");
		Files.writeString(root.resolve("memory/box/memory.limit_in_bytes"), "8589934592\n");
		Files.writeString(lab.resolve("memory.limit_in_bytes"), "9223372036854771712\n");

		assertThat(RoleHeap.cgroupLimit(root, "9:name=systemd:/\n4:memory:/box/lab\n0::/\n")).hasValue(8589934592L);
	}

	@Test
	void theDatabaseReachesEveryRoleAsEnvironmentVariables() {
		Database database = Database.external("127.0.0.1", 5433, "fanoutlab", "u", "p");

		assertThat(database.environment()).containsOnly(Map.entry("LAB_DB_HOST", "127.0.0.1"),
				Map.entry("LAB_DB_PORT", "5433"), Map.entry("LAB_DB_NAME", "fanoutlab"), Map.entry("LAB_DB_USER", "u"),
				Map.entry("LAB_DB_PASSWORD", "p"));
	}

}
