package dev.fanoutlab.contract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import dev.fanoutlab.blocking.BlockingApplication;
import dev.fanoutlab.reactive.ReactiveApplication;
import dev.fanoutlab.support.LabHttp;
import dev.fanoutlab.support.LabHttp.Reply;
import dev.fanoutlab.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that send their headers and then one body byte a second, each byte inside the
 * read timeout, twice as many as blocking has request threads: every stack answers
 * liveness and a normal request meanwhile, answers each slow create (408 past the body
 * deadline, or 503 refused by admission) instead of waiting for its body, and stores
 * nothing. On blocking the admitted ones would hold a thread for as long as they trickle
 * and the refused ones too, while Tomcat swallowed their unread bodies. Each stack runs
 * here with a 2 s header and body timeout and, on blocking, 20 request threads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientContractTests extends ContractTestSupport {

	private static final int THREADS = 20;

	private static final int SLOW_CLIENTS = 2 * THREADS;

	/** Bytes each slow client declares: at one a second, far longer than the test. */
	private static final int DECLARED = 600;

	/** How long a slow client trickles before it gives up on an answer (-2). */
	private static final int GIVE_UP_SECONDS = 60;

	private Map<String, ConfigurableApplicationContext> apps;

	@BeforeAll
	void startStacksWithShortTimeouts() {
		TestDatabase.Endpoint db = TestDatabase.get();
		String[] args = { "--server.port=0", "--lab.db.host=" + db.host(), "--lab.db.port=" + db.port(),
				"--lab.db.name=" + db.name(), "--lab.db.user=" + db.user(), "--lab.db.password=" + db.password(),
				"--lab.db.pool-size=2", "--lab.downstream.url=" + this.lab.simulatorUrl(),
				"--server.tomcat.threads.max=" + THREADS, "--server.tomcat.connection-timeout=2s",
				"--server.netty.idle-timeout=2s" };
		this.apps = Map.of("reactive", ReactiveApplication.builder().run(args), "blocking",
				BlockingApplication.builder(false).run(args), "virtual", BlockingApplication.builder(true).run(args));
	}

	@AfterAll
	void stop() {
		this.apps.values().forEach(ConfigurableApplicationContext::close);
	}

	@EachStack
	void slowBodiesNeitherStarveLivenessNorStoreAnything(String stack) {
		String base = base(stack);
		String keys = "slow-" + UUID.randomUUID() + "-";
		List<CompletableFuture<Integer>> slow = IntStream.range(0, SLOW_CLIENTS)
			.mapToObj((i) -> CompletableFuture.supplyAsync(() -> trickle(base, keys + i), Thread::startVirtualThread))
			.toList();

		for (int i = 0; i < 3; i++) {
			Reply liveness = LabHttp.send(
					LabHttp.request(base + "/actuator/health/liveness").timeout(Duration.ofSeconds(30)).GET().build());
			assertThat(liveness.status()).as("liveness while %d clients trickle", SLOW_CLIENTS).isEqualTo(200);
		}
		assertThat(LabHttp.get(base + "/api/fanout?calls=1&latencyMs=0").status()).as("a normal request")
			.isIn(200, 503);

		List<Integer> statuses = slow.stream().map(CompletableFuture::join).toList();
		assertThat(statuses).as("each slow create answered (or closed), none served")
			.allMatch((status) -> status == 408 || status == 503 || status == -1);
		assertThat(statuses).as("answered, not just dropped").contains(408);
		assertThat(count("SELECT count(*) FROM purchase_order WHERE idempotency_key LIKE ?", keys + "%")).isZero();
		assertThat(LabHttp.get(base + "/api/fanout?calls=1&latencyMs=0").status()).as("served again afterwards")
			.isEqualTo(200);
	}

	/**
	 * Headers, then one byte a second until the server answers or
	 * {@link #GIVE_UP_SECONDS} have passed; the status it answered, -1 if it closed
	 * without one, -2 if it is still waiting for the body.
	 */
	private static Integer trickle(String base, String key) {
		URI uri = URI.create(base);
		String head = "POST /api/customers/42/orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
				+ "Idempotency-Key: " + key + "\r\nContent-Length: " + DECLARED + "\r\n\r\n";
		try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
			socket.setSoTimeout(60_000);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			try {
				for (int sent = 0; sent < GIVE_UP_SECONDS && in.available() == 0; sent++) {
					out.write(' ');
					out.flush();
					Thread.sleep(1000);
				}
			}
			catch (IOException ex) {
				// the server closed the connection: read what it answered
			}
			socket.setSoTimeout(5_000);
			return status(in);
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private static int status(InputStream in) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try {
			byte[] buffer = new byte[1024];
			int n;
			while (bytes.size() < 12 && (n = in.read(buffer)) != -1) {
				bytes.write(buffer, 0, n);
			}
		}
		catch (java.net.SocketTimeoutException ex) {
			if (bytes.size() == 0) {
				return -2; // still waiting for the body: no answer
			}
		}
		catch (IOException ex) {
			// reset after the answer, or no answer
		}
		String text = bytes.toString(StandardCharsets.ISO_8859_1);
		return (text.startsWith("HTTP/1.1 ") && text.length() >= 12) ? Integer.parseInt(text.substring(9, 12)) : -1;
	}

	private String base(String stack) {
		int port = ((WebServerApplicationContext) this.apps.get(stack)).getWebServer().getPort();
		return "http://127.0.0.1:" + port;
	}

}
