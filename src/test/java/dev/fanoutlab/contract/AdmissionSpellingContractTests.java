package dev.fanoutlab.contract;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.fanoutlab.blocking.BlockingApplication;
import dev.fanoutlab.reactive.ReactiveApplication;
import dev.fanoutlab.support.LabHttp;
import dev.fanoutlab.support.LabHttp.Reply;
import dev.fanoutlab.support.RawHttp;
import dev.fanoutlab.support.RawHttp.Answer;
import dev.fanoutlab.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admission limit holds for every spelling of a path a router accepts: with the one
 * permit held, {@code /api;x=1/fanout}, {@code /%61pi/fanout}, {@code //api/fanout},
 * {@code /api/./fanout} ... are refused (503), or refused by the server as malformed
 * (400), never served. Once the permit is free, the spellings the router accepts are
 * served: they do reach a controller, so the 503 is the limit's, not a 404's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdmissionSpellingContractTests extends ContractTestSupport {

	private static final String FANOUT = "fanout?calls=1&latencyMs=0";

	private Map<String, ConfigurableApplicationContext> apps;

	@BeforeAll
	void startStacksWithALimitOfOne() {
		TestDatabase.Endpoint db = TestDatabase.get();
		String[] args = { "--server.port=0", "--lab.db.host=" + db.host(), "--lab.db.port=" + db.port(),
				"--lab.db.name=" + db.name(), "--lab.db.user=" + db.user(), "--lab.db.password=" + db.password(),
				"--lab.db.pool-size=2", "--lab.downstream.url=" + this.lab.simulatorUrl(),
				"--lab.downstream.timeout=5s", "--lab.admission.max-concurrent=1" };
		this.apps = Map.of("reactive", run(ReactiveApplication.builder(), args), "blocking",
				run(BlockingApplication.builder(false), args), "virtual", run(BlockingApplication.builder(true), args));
	}

	@AfterAll
	void stop() {
		this.apps.values().forEach(ConfigurableApplicationContext::close);
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "reactive,/api;x=1/", "blocking,/api;x=1/", "virtual,/api;x=1/", "reactive,/%61pi/",
			"blocking,/%61pi/", "virtual,/%61pi/", "reactive,/api/%66anout", "blocking,/api/%66anout",
			"virtual,/api/%66anout", "reactive,/api/;x/", "blocking,/api/;x/", "virtual,/api/;x/", "reactive,//api/",
			"blocking,//api/", "virtual,//api/", "reactive,/api/./", "blocking,/api/./", "virtual,/api/./",
			"reactive,/x/../api/", "blocking,/x/../api/", "virtual,/x/../api/", "reactive,/API/", "blocking,/API/",
			"virtual,/API/" })
	void everySpellingCountsAgainstTheLimit(String stack, String prefix) {
		String base = base(stack);
		String target = prefix.endsWith("%66anout") ? prefix + FANOUT.substring("fanout".length()) : prefix + FANOUT;
		this.simulator.resetStats();
		CompletableFuture<Reply> held = LabHttp.getAsync(base + "/api/fanout?calls=1&latencyMs=3000");
		await().until(() -> this.simulator.service("echo", "inFlight") == 1);

		Answer whileHeld = rawGet(base, target);
		assertThat(held).as("the held request still runs").isNotDone();
		assertThat(whileHeld.status()).as("%s while the permit is held: %s", target, whileHeld.body()).isIn(400, 503);
		assertThat(LabHttp.get(base + "/actuator/health/liveness").status()).as("health bypasses admission")
			.isEqualTo(200);
		assertThat(held.join().status()).isEqualTo(200);

		Answer free = rawGet(base, target);
		assertThat(free.status()).as("%s once the permit is free: %s", target, free.body()).isIn(200, 400, 404);
		if (free.status() == 200) {
			assertThat(whileHeld.status()).as("a spelling the router serves is refused while held").isEqualTo(503);
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "reactive", "blocking", "virtual" })
	void theSpellingsOnceUsedToBypassTheLimitReachTheController(String stack) {
		// without this, the test above could pass on 404s alone
		for (String target : new String[] { "/api;x=1/" + FANOUT, "/%61pi/" + FANOUT }) {
			assertThat(rawGet(base(stack), target).status()).as(target).isEqualTo(200);
		}
	}

	private static Answer rawGet(String base, String target) {
		return RawHttp.send(base, "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
	}

	private String base(String stack) {
		int port = ((WebServerApplicationContext) this.apps.get(stack)).getWebServer().getPort();
		return "http://127.0.0.1:" + port;
	}

	private static ConfigurableApplicationContext run(SpringApplicationBuilder builder, String[] args) {
		return builder.run(args);
	}

}
