package dev.fanoutlab.downstream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import dev.fanoutlab.api.PaymentReply;
import dev.fanoutlab.support.LabHttp;
import dev.fanoutlab.support.Simulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code GET /services/payments/{key}} over real HTTP: the outcome of an answered
 * payment, 404 for one never answered (unknown, failed on purpose, abandoned by its
 * caller).
 */
class PaymentLookupTests {

	private static Simulator simulator;

	@BeforeAll
	static void start() {
		simulator = Simulator.start();
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	@Test
	void answersWhatThePaymentAnswered() {
		LabHttp.Reply approved = simulator.post("/services/payments/look-1?latencyMs=0", "{\"amountCents\": 1200}");
		LabHttp.Reply declined = simulator.post("/services/payments/look-2?latencyMs=0", "{\"amountCents\": 1000001}");
		LabHttp.Reply lookedUp = simulator.get("/services/payments/look-1");
		assertThat(lookedUp.status()).isEqualTo(200);
		assertThat(lookedUp.json()).isEqualTo(approved.json());
		assertThat(lookedUp.json().get("status").asString()).isEqualTo("APPROVED");
		assertThat(simulator.get("/services/payments/look-2").json()).isEqualTo(declined.json());
		assertThat(declined.json().get("status").asString()).isEqualTo("DECLINED");
	}

	@Test
	void aKeyNeverPaidIsNotFound() {
		SimulatorServicesTests.assertProblem(simulator.get("/services/payments/never-paid"), 404);
	}

	@Test
	void aFailedPaymentIsNotFound() {
		SimulatorServicesTests.assertProblem(
				simulator.post("/services/payments/look-3?latencyMs=0&failRate=1", "{\"amountCents\": 1}"), 503);
		SimulatorServicesTests.assertProblem(simulator.get("/services/payments/look-3"), 404);
	}

	@Test
	void aPaymentItsCallerAbandonedIsNotFound() throws Exception {
		int port = URI.create(simulator.url()).getPort();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/services/payments/look-4?latencyMs=3000"))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofMillis(200))
			.POST(HttpRequest.BodyPublishers.ofString("{\"amountCents\": 1}"))
			.build();
		try (HttpClient client = HttpClient.newHttpClient()) {
			assertThatExceptionOfType(HttpTimeoutException.class)
				.isThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()));
		}
		SimulatorServicesTests.assertProblem(simulator.get("/services/payments/look-4"), 404);
	}

	@Test
	void theLedgerForgetsTheOldestKeysBeyondItsCapacity() {
		PaymentLedger ledger = new PaymentLedger(3);
		PaymentReply approved = ReplyBodies.payment("k", 1);
		for (String key : new String[] { "a", "b", "c", "a", "d" }) {
			ledger.record(key, approved);
		}
		assertThat(ledger.find("a")).isEmpty();
		assertThat(ledger.find("b")).contains(ReplyBodies.payment("b", 1));
		assertThat(ledger.find("c")).isPresent();
		assertThat(ledger.find("d")).isPresent();
	}

}
