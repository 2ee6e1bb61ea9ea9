package dev.fanoutlab.blocking;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
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
import dev.fanoutlab.api.Trace;

import org.springframework.stereotype.Service;

import static dev.fanoutlab.api.CustomerOverview.CUSTOMER;
import static dev.fanoutlab.api.CustomerOverview.LOYALTY;
import static dev.fanoutlab.api.CustomerOverview.ORDERS;
import static dev.fanoutlab.api.CustomerOverview.RECOMMENDATIONS;
import static dev.fanoutlab.api.CustomerOverview.SHIPPING;

/**
 * The fan-out: customer, latest orders, recommendations and loyalty in parallel on the
 * fan-out executor, shipping of the latest order once the orders are in. The request
 * thread waits for all of it, at most {@code lab.overview.deadline}.
 * <p>
 * Trace and metric outcomes: {@code ok}; {@code timeout} when a part ran out of time (its
 * own timeout or the deadline); {@code fallback} when an optional part failed and its
 * fallback was used; {@code error} when a mandatory part failed.
 */
@Service
class OverviewService {

	private static final List<String> PARTS = List.of(CUSTOMER, ORDERS, RECOMMENDATIONS, LOYALTY, SHIPPING);

	private static final List<String> OPTIONAL_PARTS = List.of(RECOMMENDATIONS, LOYALTY, SHIPPING);

	private final CustomerRepository customers;

	private final DownstreamClient downstream;

	private final FanoutExecutor executor;

	private final OverviewMeters metrics;

	private final LabProperties properties;

	private final LabStack stack;

	OverviewService(CustomerRepository customers, DownstreamClient downstream, FanoutExecutor executor,
			OverviewMeters metrics, LabProperties properties, LabStack stack) {
		this.customers = customers;
		this.downstream = downstream;
		this.executor = executor;
		this.metrics = metrics;
		this.properties = properties;
		this.stack = stack;
	}

	CustomerOverview overview(long id, boolean withTrace) {
		OverviewRun run = new OverviewRun();
		Set<String> degraded = ConcurrentHashMap.newKeySet();
		CompletableFuture<Optional<Customer>> customer;
		CompletableFuture<List<OrderSummary>> orders;
		try {
			customer = mandatory(run, CUSTOMER, () -> this.customers.find(id));
			orders = mandatory(run, ORDERS,
					() -> this.customers.latestOrders(id, this.properties.overview().ordersLimit()));
		}
		catch (RejectedExecutionException ex) {
			run.cancelRemaining();
			throw new ProblemException(Problems.overloaded());
		}
		CompletableFuture<List<Recommendation>> recommendations = optional(run, degraded, RECOMMENDATIONS,
				() -> this.downstream.recommendations(id), List.of());
		CompletableFuture<Loyalty> loyalty = optional(run, degraded, LOYALTY, () -> this.downstream.loyalty(id), null);
		CompletableFuture<Shipment> shipment = orders
			.thenCompose((list) -> list.isEmpty() ? CompletableFuture.completedFuture(null)
					: optional(run, degraded, SHIPPING, () -> this.downstream.shipping(list.get(0).id()), null));
		// a missing customer or a failed mandatory part ends the overview: stop the rest
		customer.whenComplete((found, failure) -> {
			if (failure != null || found.isEmpty()) {
				run.cancelRemaining();
			}
		});
		orders.whenComplete((list, failure) -> {
			if (failure != null) {
				run.cancelRemaining();
			}
		});
		awaitAll(run, this.properties.overview().deadline(), customer, orders, recommendations, loyalty, shipment);
		Customer found = value(customer).orElseThrow(() -> new ProblemException(Problems.customerNotFound(id)));
		List<OrderSummary> latest = value(orders);
		List<String> degradedInOrder = OPTIONAL_PARTS.stream().filter(degraded::contains).toList();
		Trace trace = withTrace ? run.trace(this.stack.name(), PARTS) : null;
		return new CustomerOverview(found, latest, shipment.getNow(null), recommendations.getNow(List.of()),
				loyalty.getNow(null), degradedInOrder, trace);
	}

	private <T> CompletableFuture<T> mandatory(OverviewRun run, String part, Callable<T> work) {
		CompletableFuture<T> future = run.track(this.executor.submit(run.recorded(part, work)));
		future.whenComplete((value, failure) -> finished(run, part, outcome(failure, Trace.ERROR)));
		return future;
	}

	/**
	 * An optional part: its own timeout, and a fallback named in degraded if it fails.
	 */
	private <T> CompletableFuture<T> optional(OverviewRun run, Set<String> degraded, String part, Callable<T> work,
			T fallback) {
		CompletableFuture<T> call;
		try {
			call = run.track(this.executor.submit(run.recorded(part, work)));
		}
		catch (RejectedExecutionException ex) {
			call = CompletableFuture.failedFuture(ex);
		}
		Duration timeout = this.properties.downstream().timeout();
		return call.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handle((value, failure) -> {
			finished(run, part, outcome(failure, Trace.FALLBACK));
			if (failure == null) {
				return value;
			}
			degraded.add(part);
			this.metrics.degraded(part);
			return fallback;
		});
	}

	private void finished(OverviewRun run, String part, String outcome) {
		this.metrics.record(part, outcome, run.finished(part, outcome));
	}

	private static String outcome(Throwable failure, String whenFailed) {
		if (failure == null) {
			return Trace.OK;
		}
		Throwable cause = unwrap(failure);
		return (cause instanceof TimeoutException || cause instanceof CancellationException) ? Trace.TIMEOUT
				: whenFailed;
	}

	private static void awaitAll(OverviewRun run, Duration deadline, CompletableFuture<?>... parts) {
		try {
			CompletableFuture.allOf(parts).get(deadline.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			// read part by part below
		}
		catch (TimeoutException ex) {
			run.cancelRemaining();
		}
		catch (InterruptedException ex) {
			run.cancelRemaining();
			Thread.currentThread().interrupt();
			throw new ProblemException(Problems.overloaded());
		}
	}

	/** The value of a mandatory part, or the failure that took its place. */
	private static <T> T value(CompletableFuture<T> part) {
		try {
			return part.join();
		}
		catch (CompletionException | CancellationException ex) {
			Throwable cause = unwrap(ex);
			if (cause instanceof RuntimeException runtime && !(cause instanceof CancellationException)
					&& !(cause instanceof RejectedExecutionException)) {
				throw runtime;
			}
			// cut off by the deadline, or never run: the database did not answer in time
			throw new ProblemException(Problems.databaseUnavailable());
		}
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
