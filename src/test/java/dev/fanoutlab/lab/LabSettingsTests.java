package dev.fanoutlab.lab;

import java.time.Duration;
import java.util.Map;

import dev.fanoutlab.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LabSettingsTests {

	private static final String[] NO_ARGS = {};

	@Test
	void defaultsAreTheContractPortsTheEmbeddedDatabaseAndAFixedHeap() {
		LabSettings settings = LabSettings.from(Map.of(), NO_ARGS);

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
				new String[] { "--lab.db.host=pg", "--lab.db.port=6543", "--lab.pitfalls.enabled=true" });

		assertThat(settings.externalDatabase()).get()
			.extracting(Database::jdbcUrl)
			.isEqualTo("jdbc:postgresql://pg:6543/fanoutlab");
		assertThat(settings.forwardedArgs()).containsExactly("--lab.pitfalls.enabled=true");
	}

	@Test
	void theDatabaseReachesEveryRoleAsEnvironmentVariables() {
		Database database = Database.external("127.0.0.1", 5433, "fanoutlab", "u", "p");

		assertThat(database.environment()).containsOnly(Map.entry("LAB_DB_HOST", "127.0.0.1"),
				Map.entry("LAB_DB_PORT", "5433"), Map.entry("LAB_DB_NAME", "fanoutlab"), Map.entry("LAB_DB_USER", "u"),
				Map.entry("LAB_DB_PASSWORD", "p"));
	}

}
