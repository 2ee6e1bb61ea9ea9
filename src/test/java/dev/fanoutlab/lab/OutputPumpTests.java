package dev.fanoutlab.lab;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import dev.fanoutlab.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutputPumpTests {

	@Test
	void prefixesArePaddedToTheLongestRole() {
		assertThat(OutputPump.prefix(Role.REACTIVE)).isEqualTo("[reactive  ] ");
		assertThat(OutputPump.prefix(Role.DOWNSTREAM)).isEqualTo("[downstream] ");
		assertThat(OutputPump.prefix(Role.LAB)).isEqualTo("[lab       ] ");
	}

	@Test
	void copiesEveryLineWithTheRolePrefixUntilTheStreamEnds() throws InterruptedException {
		ByteArrayOutputStream console = new ByteArrayOutputStream();
		byte[] childOutput = "Started FanoutLab\n\nNetty started on port 8081 – ok\nno newline at the end"
			.getBytes(StandardCharsets.UTF_8);

		Thread pump = OutputPump.start(Role.REACTIVE, "out", new ByteArrayInputStream(childOutput),
				new PrintStream(console, true, StandardCharsets.UTF_8));
		pump.join(10_000);

		assertThat(pump.isAlive()).isFalse();
		assertThat(console.toString(StandardCharsets.UTF_8).lines()).containsExactly("[reactive  ] Started FanoutLab",
				"[reactive  ] ", "[reactive  ] Netty started on port 8081 – ok", "[reactive  ] no newline at the end");
	}

}
