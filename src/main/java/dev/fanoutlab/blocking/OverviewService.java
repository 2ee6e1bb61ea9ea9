package dev.fanoutlab.blocking;

import java.util.ArrayList;
import java.util.List;

import dev.fanoutlab.api.Customer;
import dev.fanoutlab.api.CustomerOverview;
import dev.fanoutlab.api.InfoResponse.PoolInfo;
import dev.fanoutlab.api.LabProperties;
import dev.fanoutlab.api.Loyalty;
import dev.fanoutlab.api.OverviewMeters;
import dev.fanoutlab.api.Problems;
import dev.fanoutlab.api.Recommendation;
import dev.fanoutlab.api.Shipment;

import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.thread.Threading;
import org.springframework.stereotype.Service;

import static dev.fanoutlab.api.CustomerOverview.CUSTOMER;
import static dev.fanoutlab.api.CustomerOverview.LOYALTY;
import static dev.fanoutlab.api.CustomerOverview.RECOMMENDATIONS;
import static dev.fanoutlab.api.CustomerOverview.SHIPPING;

/**
 * The fan-out on platform threads, with the JDK's building blocks: three tasks go to the
 * fan-out pool (the orders then their shipping, recommendations, loyalty) while the
 * request thread reads the customer itself, so all four start together. One deadline,
 * counted from the request's arrival, bounds every part: each {@code Future.get} waits
 * what is left of it and the customer read carries it as its query timeout. In
 * {@code finally} whatever still runs is stopped ({@link OverviewTasks#stop}) and the
 * orders read, the one task that can hold a database connection, is joined: no task holds
 * one after the answer.
 */
@Service
@ConditionalOnThreading(Threading.PLATFORM)
class OverviewService implements Overviews {

	private final CustomerRepository customers;

	private final DownstreamClient downstream;

	private final FanoutExecutorConfiguration.FanoutPool fanout;

	private final OverviewMeters meters;

	private final LabProperties lab;

	OverviewService(CustomerRepository customers, DownstreamClient downstream,
			FanoutExecutorConfiguration.FanoutPool fanout, OverviewMeters meters, LabProperties lab) {
		this.customers = customers;
		this.downstream = downstream;
		this.fanout = fanout;
		this.meters = meters;
		this.lab = lab;
	}

	@Override
	public CustomerOverview overview(long id, boolean withTrace, long arrivalNanos) {
		OverviewTasks tasks = new OverviewTasks(this.fanout.executor(), this.meters, this.lab, arrivalNanos);
		OverviewTasks.Chain orders = null;
		try {
			orders = tasks.ordersThenShipping(
					(read) -> this.customers.latestOrders(id, this.lab.overview().ordersLimit(), read),
					this.downstream::shipping);
			var recommendations = tasks.forkCall(RECOMMENDATIONS, () -> this.downstream.recommendations(id));
			var loyalty = tasks.forkCall(LOYALTY, () -> this.downstream.loyalty(id));
			DatabaseRead customerRead = tasks.read();
			Customer customer = tasks.log()
				.timed(CUSTOMER, false, () -> this.customers.find(id, customerRead))
				.call()
				.orElseThrow(() -> new ProblemException(Problems.customerNotFound(id)));
			OverviewTasks.OrdersIn in = tasks.mandatory(CustomerOverview.ORDERS, orders.orders());

			List<String> degraded = new ArrayList<>();
			List<Recommendation> recommended = tasks.optional(RECOMMENDATIONS, recommendations.future(),
					recommendations.forkedNanos(), List.of(), degraded);
			Loyalty points = tasks.optional(LOYALTY, loyalty.future(), loyalty.forkedNanos(), null, degraded);
			Shipment shipment = in.latest().isEmpty() ? null
					: tasks.optional(SHIPPING, orders.shipping(), in.atNanos(), null, degraded);
			this.meters.answered(!degraded.isEmpty());
			return new CustomerOverview(customer, in.latest(), shipment, recommended, points, List.copyOf(degraded),
					withTrace ? tasks.log().trace("blocking") : null);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			tasks.stop();
			if (orders != null) {
				OverviewTasks.join(orders.orders()); // its read was cancelled: it ends at
														// once
			}
		}
	}

	@Override
	public PoolInfo threads() {
		return new PoolInfo(this.fanout.threads(),
				"the fan-out pool's platform threads (fanout-N): orders then shipping, recommendations and "
						+ "loyalty beside the request thread's customer read",
				this.fanout.rule());
	}

}
