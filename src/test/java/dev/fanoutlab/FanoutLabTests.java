package dev.fanoutlab;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FanoutLabTests {

	@Test
	void everyRoleOfTheContractIsKnown() {
		assertThat(Role.values()).extracting(Role::id)
			.containsExactly("downstream", "reactive", "blocking", "virtual", "lab");
		assertThat(Role.values()).extracting(Role::defaultPort).containsExactly(8090, 8081, 8082, 8083, 0);
	}

	@Test
	void usageNamesTheUnknownRoleAndEveryKnownOne() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		FanoutLab.printUsage(new PrintStream(bytes, true, StandardCharsets.UTF_8), "bogus");
		String usage = bytes.toString(StandardCharsets.UTF_8);
		assertThat(usage).contains("Unknown role: bogus", "Usage: java -jar fanout-lab.jar <role>");
		for (Role role : Role.values()) {
			assertThat(usage).contains(role.id());
		}
	}

	@Test
	void findsOnlyExactRoleNames() {
		assertThat(Role.find("reactive")).contains(Role.REACTIVE);
		assertThat(Role.find("Reactive")).isEmpty();
		assertThat(Role.find("")).isEmpty();
	}

}
