package dev.fanoutlab.blocking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.fanoutlab.api.CreateOrderRequest;
import dev.fanoutlab.api.CreatedOrder;
import dev.fanoutlab.api.OrderItem;
import dev.fanoutlab.support.Simulator;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The idempotent create on the real database, paying with the real simulator.
 */
class OrderServiceTests {

	@AutoClose
	private static Simulator simulator;

	@AutoClose
	private static RunningStack stack;

	private static OrderService orders;

	private static JdbcClient jdbc;

	@BeforeAll
	static void start() {
		simulator = Simulator.start();
		stack = RunningStack.start(false, Map.of("lab.downstream.url", simulator.url()));
		orders = stack.bean(OrderService.class);
		jdbc = stack.bean(JdbcClient.class);
	}

	@BeforeEach
	void fastProfile() {
		simulator.preset("fast");
		simulator.resetStats();
	}

	@Test
	void createsAConfirmedOrderWithTheAuthorisation() {
		String key = newKey();
		OrderService.Outcome outcome = orders.create(42, key, order(2, 1500));
		CreatedOrder order = outcome.order();
		assertThat(outcome.replayed()).isFalse();
		assertThat(order.customerId()).isEqualTo(42);
		assertThat(order.totalCents()).isEqualTo(3000);
		assertThat(order.status()).isEqualTo(CreatedOrder.CONFIRMED);
		assertThat(order.authorizationId()).isNotBlank();
		assertThat(rowsWithKey(key)).isEqualTo(1);
		assertThat(orders.find(42, order.id())).isEqualTo(order);
	}

	@Test
	void theSameKeyAndBodyReplaysTheOrderWithoutASecondRowOrPayment() {
		String key = newKey();
		CreatedOrder first = orders.create(42, key, order(1, 700)).order();
		OrderService.Outcome again = orders.create(42, key, order(1, 700));
		assertThat(again.replayed()).isTrue();
		assertThat(again.order()).isEqualTo(first);
		assertThat(rowsWithKey(key)).isEqualTo(1);
		assertThat(simulator.service("payments", "requests")).isEqualTo(1);
	}

	@Test
	void theSameKeyWithAnotherBodyIs422() {
		String key = newKey();
		orders.create(42, key, order(1, 700));
		assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> orders.create(42, key, order(2, 700)))
			.satisfies((ex) -> assertThat(ex.problem().getStatus()).isEqualTo(422));
		assertThat(rowsWithKey(key)).isEqualTo(1);
	}

	@Test
	void declinedPaymentIs402AndStoresNothing() {
		String key = newKey();
		assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> orders.create(42, key, order(2, 600_000)))
			.satisfies((ex) -> assertThat(ex.problem().getStatus()).isEqualTo(402));
		assertThat(rowsWithKey(key)).isZero();
	}

	@Test
	void failingPaymentsIs502AndStoresNothing() {
		simulator.set("payments", "\"failRate\":1.0");
		String key = newKey();
		assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> orders.create(42, key, order(1, 100)))
			.satisfies((ex) -> assertThat(ex.problem().getStatus()).isEqualTo(502));
		assertThat(rowsWithKey(key)).isZero();
	}

	@Test
	void racingCreatesWithOneKeyStoreOneRowAndPayAtMostOnce() throws Exception {
		simulator.set("payments", "\"latencyMs\":300");
		String key = newKey();
		int racers = 20;
		CountDownLatch go = new CountDownLatch(1);
		List<Callable<Integer>> calls = new ArrayList<>();
		for (int i = 0; i < racers; i++) {
			calls.add(() -> {
				go.await();
				try {
					orders.create(42, key, order(1, 999));
					return 201;
				}
				catch (ProblemException ex) {
					return ex.problem().getStatus();
				}
			});
		}
		List<Integer> statuses = new ArrayList<>();
		try (ExecutorService racing = Executors.newFixedThreadPool(racers)) {
			List<Future<Integer>> results = calls.stream().map(racing::submit).toList();
			go.countDown();
			for (Future<Integer> result : results) {
				statuses.add(result.get());
			}
		}
		assertThat(statuses).containsOnly(201, 409).contains(201);
		assertThat(rowsWithKey(key)).isEqualTo(1);
		// one order stored: exactly one authorisation answered
		assertThat(simulator.service("payments", "requests")).isEqualTo(1);
	}

	private static CreateOrderRequest order(int quantity, long priceCents) {
		return new CreateOrderRequest(List.of(new OrderItem("SKU-1", quantity, priceCents)));
	}

	private static String newKey() {
		return "test-" + UUID.randomUUID();
	}

	private static long rowsWithKey(String key) {
		return jdbc.sql("SELECT count(*) FROM purchase_order WHERE idempotency_key = ?")
			.param(key)
			.query(Long.class)
			.single();
	}

}
