package dev.fanoutlab.reactive;

import java.time.Duration;
import java.util.List;

import dev.fanoutlab.api.LabProperties;
import dev.fanoutlab.api.OverviewMeters;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overview's mandatory parts and deadline on the real PostgreSQL. These hold with or
 * without the simulator's endpoints: optional parts only ever become fallbacks here.
 */
class OverviewServiceTests {

	private final ConfigurableApplicationContext app = ReactiveTestApps.app();

	private final OverviewService overviews = this.app.getBean(OverviewService.class);

	@Test
	void unknownCustomerIsA404() {
		StepVerifier.create(this.overviews.overview(123_456_789L, false))
			.expectErrorSatisfies((ex) -> assertThat(status(ex)).isEqualTo(404))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void aCustomerWithoutOrdersHasNoShipmentAndNoShippingCall() {
		// customer 6 has (6 * 7) % 6 = 0 seeded orders
		StepVerifier.create(this.overviews.overview(6, true)).assertNext((overview) -> {
			assertThat(overview.orders()).isEmpty();
			assertThat(overview.latestShipment()).isNull();
			assertThat(overview.degraded()).doesNotContain("shipping");
			assertThat(overview.trace().calls()).extracting("name").doesNotContain("shipping");
		}).verifyComplete();
	}

	@Test
	void mandatoryPartsLateForTheDeadlineAreA503() {
		LabProperties lab = this.app.getBean(LabProperties.class);
		LabProperties tight = new LabProperties(lab.db(), lab.downstream(),
				new LabProperties.Overview(Duration.ofMillis(300), 5), lab.http(), lab.fanout(), lab.pitfalls(),
				lab.admission());
		OverviewService hurried = new OverviewService(this.app.getBean(CustomerRepository.class),
				this.app.getBean(DownstreamClient.class), this.app.getBean(OverviewMeters.class), tight);
		ConnectionPool pool = this.app.getBean(ConnectionPool.class);
		int size = pool.getMetrics().orElseThrow().getMaxAllocatedSize();
		// every connection taken: the overview's queries wait for one, past its deadline
		List<Connection> taken = Flux.range(0, size).flatMap((i) -> pool.create()).collectList().block();
		try {
			StepVerifier.create(hurried.overview(42, false))
				.expectErrorSatisfies((ex) -> assertThat(status(ex)).isEqualTo(503))
				.verify(Duration.ofSeconds(10));
		}
		finally {
			Flux.fromIterable(taken).flatMap(Connection::close).blockLast();
		}
	}

	private static int status(Throwable ex) {
		assertThat(ex).isInstanceOf(ErrorResponseException.class);
		return ((ErrorResponseException) ex).getStatusCode().value();
	}

}
