package dev.fanoutlab.blocking;

import java.util.List;
import java.util.Optional;

import dev.fanoutlab.api.Customer;
import dev.fanoutlab.api.CustomerOverview;
import dev.fanoutlab.api.LabProperties;
import dev.fanoutlab.api.Loyalty;
import dev.fanoutlab.api.OrderSummary;
import dev.fanoutlab.api.OverviewMeters;
import dev.fanoutlab.api.Problems;
import dev.fanoutlab.api.Recommendation;
import dev.fanoutlab.api.Shipment;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import static dev.fanoutlab.api.CustomerOverview.CUSTOMER;
import static dev.fanoutlab.api.CustomerOverview.LOYALTY;
import static dev.fanoutlab.api.CustomerOverview.ORDERS;
import static dev.fanoutlab.api.CustomerOverview.RECOMMENDATIONS;
import static dev.fanoutlab.api.CustomerOverview.SHIPPING;

/**
 * The fan-out, thread per request: two tasks run beside the request thread (loyalty; the
 * orders, then the shipping of the latest one), while the request thread itself reads the
 * customer and makes the slowest call, recommendations. Each HTTP call's timeout is its
 * client's and starts with the call; the deadline counts from the request's arrival;
 * whatever is still running when the answer is decided gets cancelled.
 */
@Service
class OverviewService {

	private final CustomerRepository customers;

	private final DownstreamClient downstream;

	private final FanoutExecutor executor;

	private final OverviewMeters meters;

	private final LabProperties.Overview settings;

	private final LabStack stack;

	OverviewService(CustomerRepository customers, DownstreamClient downstream, FanoutExecutor executor,
			OverviewMeters meters, LabProperties properties, LabStack stack) {
		this.customers = customers;
		this.downstream = downstream;
		this.executor = executor;
		this.meters = meters;
		this.settings = properties.overview();
		this.stack = stack;
	}

	CustomerOverview overview(long id, boolean withTrace, long arrivalNanos) {
		long deadline = arrivalNanos + this.settings.deadline().toNanos();
		try (OverviewScope scope = new OverviewScope(this.executor, this.meters, arrivalNanos, deadline)) {
			OverviewPart<Optional<Customer>> customer = scope.mandatory(CUSTOMER);
			OverviewPart<List<OrderSummary>> orders = scope.mandatory(ORDERS);
			OverviewPart<List<Recommendation>> recommendations = scope.optional(RECOMMENDATIONS);
			OverviewPart<Loyalty> loyalty = scope.optional(LOYALTY);
			OverviewPart<Shipment> shipping = scope.optional(SHIPPING);

			scope.fork(() -> loyalty.run(() -> this.downstream.loyalty(id)), loyalty);
			scope.fork(() -> ordersThenShipping(id, orders, shipping), orders, shipping);
			Customer found = mandatory(customer.run(() -> this.customers.find(id)), customer)
				.orElseThrow(() -> new ProblemException(Problems.customerNotFound(id)));
			recommendations.run(() -> this.downstream.recommendations(id));
			awaitAll(scope, orders, loyalty, shipping);

			List<OrderSummary> latest = mandatory(orders.valueOr(null), orders);
			List<String> degraded = scope.degraded();
			CustomerOverview overview = new CustomerOverview(found, latest, shipping.valueOr(null),
					recommendations.valueOr(List.of()), loyalty.valueOr(null), degraded,
					withTrace ? scope.trace(this.stack.name(), System.nanoTime()) : null);
			this.meters.answered(!degraded.isEmpty());
			return overview;
		}
	}

	/** The dependent call stays in one task: shipping needs the latest order's id. */
	private void ordersThenShipping(long id, OverviewPart<List<OrderSummary>> orders, OverviewPart<Shipment> shipping) {
		List<OrderSummary> latest = orders.run(() -> this.customers.latestOrders(id, this.settings.ordersLimit()));
		if (latest == null || latest.isEmpty()) {
			shipping.skip(); // failed (the overview fails with it) or no order to ship
			return;
		}
		shipping.run(() -> this.downstream.shipping(latest.get(0).id()));
	}

	private static void awaitAll(OverviewScope scope, OverviewPart<?>... parts) {
		try {
			scope.awaitAll(parts);
		}
		catch (InterruptedException ex) {
			// only a stopping server interrupts a request thread
			Thread.currentThread().interrupt();
			throw new ProblemException(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "shutting-down", "Shutting down",
					"The stack is stopping; try again."));
		}
	}

	/** A mandatory part's value, or the failure that stands in its place. */
	private static <T> T mandatory(T value, OverviewPart<?> part) {
		if (part.succeeded()) {
			return value;
		}
		if (part.failure() instanceof RuntimeException failure
				&& !(failure instanceof java.util.concurrent.CancellationException)) {
			throw failure; // the database's own error, or a refused task (503 overloaded)
		}
		// timed out at the deadline: the database did not answer in time
		throw new ProblemException(Problems.databaseUnavailable());
	}

}
