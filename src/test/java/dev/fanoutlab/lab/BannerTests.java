package dev.fanoutlab.lab;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BannerTests {

	private final LabSettings settings = LabSettings.from(Map.of("LAB_DOWNSTREAM_PORT", "18490", "LAB_REACTIVE_PORT",
			"18481", "LAB_BLOCKING_PORT", "18482", "LAB_VIRTUAL_PORT", "18483"), new String[0]);

	@Test
	void listsTheSimulatorEveryStackAndTheDatabase() {
		String banner = Banner.text(this.settings, new Database("127.0.0.1", 54321, "fanoutlab", "fanoutlab",
				"fanoutlab", Optional.of(ProcessHandle.current())));

		assertThat(banner).contains("http://localhost:18490/admin/profile", "http://localhost:18490/admin/stats");
		for (int port : new int[] { 18481, 18482, 18483 }) {
			String base = "http://localhost:" + port;
			assertThat(banner).contains(base + "/api/customers/42/overview", base + "/api/fanout?calls=",
					base + "/api/info", base + "/actuator/health", base + "/actuator/prometheus");
		}
		assertThat(banner).contains(Banner.DATABASE_LINE_PREFIX + "jdbc:postgresql://127.0.0.1:54321/fanoutlab",
				"embedded", "Ctrl-C stops everything");
	}

	@Test
	void neverShowsThePasswordOfAConfiguredDatabase() {
		String banner = Banner.text(this.settings, Database.external("db.example", 5432, "lab", "app", "s3cret"));

		assertThat(banner).contains("jdbc:postgresql://db.example:5432/lab", "user app").doesNotContain("s3cret");
	}

}
