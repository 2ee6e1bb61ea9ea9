package dev.fanoutlab.reactive;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import dev.fanoutlab.api.Customer;
import dev.fanoutlab.api.CustomerOverview;
import dev.fanoutlab.api.LabProperties;
import dev.fanoutlab.api.Loyalty;
import dev.fanoutlab.api.OrderSummary;
import dev.fanoutlab.api.OverviewMeters;
import dev.fanoutlab.api.Problems;
import dev.fanoutlab.api.Recommendation;
import dev.fanoutlab.api.Shipment;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

import static dev.fanoutlab.api.CustomerOverview.CUSTOMER;
import static dev.fanoutlab.api.CustomerOverview.LOYALTY;
import static dev.fanoutlab.api.CustomerOverview.ORDERS;
import static dev.fanoutlab.api.CustomerOverview.RECOMMENDATIONS;
import static dev.fanoutlab.api.CustomerOverview.SHIPPING;

/**
 * The fan-out: customer, orders, recommendations and loyalty at once, shipping as soon as
 * the orders are in. Nothing waits on a thread; a client that goes away cancels every
 * call still in flight.
 */
@Service
class OverviewService {

	private final CustomerRepository customers;

	private final DownstreamClient downstream;

	private final OverviewMeters metrics;

	private final Duration deadline;

	private final int ordersLimit;

	OverviewService(CustomerRepository customers, DownstreamClient downstream, OverviewMeters metrics,
			LabProperties lab) {
		this.customers = customers;
		this.downstream = downstream;
		this.metrics = metrics;
		this.deadline = lab.overview().deadline();
		this.ordersLimit = lab.overview().ordersLimit();
	}

	Mono<CustomerOverview> overview(long id, boolean withTrace) {
		return Mono.defer(() -> {
			OverviewRun run = new OverviewRun(this.deadline, this.metrics, withTrace);
			Duration timeout = this.downstream.timeout();
			Mono<Customer> customer = run.mandatory(CUSTOMER, this.customers.find(id))
				.switchIfEmpty(Mono.error(() -> ProblemErrors.of(Problems.customerNotFound(id))));
			Mono<OrdersAndShipment> orders = run.mandatory(ORDERS, this.customers.latestOrders(id, this.ordersLimit))
				.flatMap((list) -> withLatestShipment(run, list, timeout));
			Mono<Optional<List<Recommendation>>> recommendations = run.optional(RECOMMENDATIONS,
					this.downstream.recommendations(id), timeout);
			Mono<Optional<Loyalty>> loyalty = run.optional(LOYALTY, this.downstream.loyalty(id), timeout);
			return Mono.zip(customer, orders, recommendations, loyalty)
				.timeout(this.deadline)
				.onErrorMap(TimeoutException.class, (ex) -> ProblemErrors.of(Problems.databaseUnavailable(), ex))
				.map((parts) -> assemble(parts.getT1(), parts.getT2(), parts.getT3(), parts.getT4(),
						withTrace ? run : null))
				.doOnNext((overview) -> this.metrics.answered(!overview.degraded().isEmpty()));
		});
	}

	private Mono<OrdersAndShipment> withLatestShipment(OverviewRun run, List<OrderSummary> orders, Duration timeout) {
		if (orders.isEmpty()) {
			return Mono.just(new OrdersAndShipment(orders, Optional.empty(), false));
		}
		return run.optional(SHIPPING, this.downstream.shipping(orders.get(0).id()), timeout)
			.map((shipment) -> new OrdersAndShipment(orders, shipment, shipment.isEmpty()));
	}

	private record OrdersAndShipment(List<OrderSummary> orders, Optional<Shipment> shipment, boolean shippingDegraded) {
	}

	/** Degraded parts in a fixed order: recommendations, loyalty, shipping. */
	private static CustomerOverview assemble(Customer customer, OrdersAndShipment orders,
			Optional<List<Recommendation>> recommendations, Optional<Loyalty> loyalty, OverviewRun trace) {
		List<String> degraded = new ArrayList<>();
		if (recommendations.isEmpty()) {
			degraded.add(RECOMMENDATIONS);
		}
		if (loyalty.isEmpty()) {
			degraded.add(LOYALTY);
		}
		if (orders.shippingDegraded()) {
			degraded.add(SHIPPING);
		}
		return new CustomerOverview(customer, orders.orders(), orders.shipment().orElse(null),
				recommendations.orElse(List.of()), loyalty.orElse(null), List.copyOf(degraded),
				(trace != null) ? trace.trace() : null);
	}

}
