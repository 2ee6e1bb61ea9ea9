package dev.fanoutlab.virtual;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import dev.fanoutlab.api.CustomerOverview;
import dev.fanoutlab.api.InfoResponse.PoolInfo;
import dev.fanoutlab.api.LabProperties;
import dev.fanoutlab.api.Loyalty;
import dev.fanoutlab.api.OverviewMeters;
import dev.fanoutlab.api.Problems;
import dev.fanoutlab.api.Recommendation;
import dev.fanoutlab.api.Shipment;
import dev.fanoutlab.blocking.CustomerRepository;
import dev.fanoutlab.blocking.DownstreamClient;
import dev.fanoutlab.blocking.OverviewTasks;
import dev.fanoutlab.blocking.Overviews;
import dev.fanoutlab.blocking.ProblemException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.thread.Threading;
import org.springframework.stereotype.Service;

import static dev.fanoutlab.api.CustomerOverview.CUSTOMER;
import static dev.fanoutlab.api.CustomerOverview.LOYALTY;
import static dev.fanoutlab.api.CustomerOverview.ORDERS;
import static dev.fanoutlab.api.CustomerOverview.RECOMMENDATIONS;
import static dev.fanoutlab.api.CustomerOverview.SHIPPING;

/**
 * The fan-out with one virtual thread per task, no pool: customer, the orders then their
 * shipping, recommendations and loyalty start at once, and the request's own virtual
 * thread only waits, every wait bounded by the one deadline counted from the arrival. The
 * executor is the overview's scope: {@code close()} waits for every task, so nothing
 * outlives the answer. What the answer no longer needs is stopped without an interrupt
 * inside JDBC: an interrupted virtual thread closes its socket (JEP 444), and the pooled
 * connection with it; a database read is cancelled by {@code Statement.cancel}, an HTTP
 * call is interrupted, which aborts only its exchange.
 */
@Service
@ConditionalOnThreading(Threading.VIRTUAL)
class OverviewService implements Overviews {

	private final ThreadFactory threads = Thread.ofVirtual().name("overview-vt-", 0).factory();

	private final CustomerRepository customers;

	private final DownstreamClient downstream;

	private final OverviewMeters meters;

	private final LabProperties lab;

	OverviewService(CustomerRepository customers, DownstreamClient downstream, OverviewMeters meters,
			LabProperties lab) {
		this.customers = customers;
		this.downstream = downstream;
		this.meters = meters;
		this.lab = lab;
	}

	@Override
	public CustomerOverview overview(long id, boolean withTrace, long arrivalNanos) {
		try (ExecutorService scope = Executors.newThreadPerTaskExecutor(this.threads)) {
			OverviewTasks tasks = new OverviewTasks(scope, this.meters, this.lab, arrivalNanos);
			try {
				var customer = tasks.forkRead(CUSTOMER, (read) -> this.customers.find(id, read));
				var orders = tasks.ordersThenShipping(
						(read) -> this.customers.latestOrders(id, this.lab.overview().ordersLimit(), read),
						this.downstream::shipping);
				var recommendations = tasks.forkCall(RECOMMENDATIONS, () -> this.downstream.recommendations(id));
				var loyalty = tasks.forkCall(LOYALTY, () -> this.downstream.loyalty(id));

				var found = tasks.mandatory(CUSTOMER, customer.future())
					.orElseThrow(() -> new ProblemException(Problems.customerNotFound(id)));
				OverviewTasks.OrdersIn in = tasks.mandatory(ORDERS, orders.orders());
				List<String> degraded = new ArrayList<>();
				List<Recommendation> recommended = tasks.optional(RECOMMENDATIONS, recommendations.future(),
						recommendations.forkedNanos(), List.of(), degraded);
				Loyalty points = tasks.optional(LOYALTY, loyalty.future(), loyalty.forkedNanos(), null, degraded);
				Shipment shipment = in.latest().isEmpty() ? null
						: tasks.optional(SHIPPING, orders.shipping(), in.atNanos(), null, degraded);
				this.meters.answered(!degraded.isEmpty());
				return new CustomerOverview(found, in.latest(), shipment, recommended, points, List.copyOf(degraded),
						withTrace ? tasks.log().trace("virtual") : null);
			}
			finally {
				tasks.stop();
			}
		} // close(): every task has ended
	}

	@Override
	public PoolInfo threads() {
		return new PoolInfo(null,
				"one virtual thread per task (overview-vt-N), a new executor per overview whose close joins them");
	}

}
