package dev.fanoutlab.blocking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import dev.fanoutlab.api.LabProperties;
import dev.fanoutlab.api.OrderSummary;
import dev.fanoutlab.api.OverviewMeters;
import dev.fanoutlab.api.PartLog;
import dev.fanoutlab.api.Problems;
import dev.fanoutlab.api.Shipment;
import dev.fanoutlab.api.Trace;

import static dev.fanoutlab.api.CustomerOverview.ORDERS;
import static dev.fanoutlab.api.CustomerOverview.SHIPPING;

/**
 * The tasks of one overview on threads, on plain {@code Future}s: what the platform and
 * the virtual column share. Every wait is bounded by the one deadline; {@link #stop} ends
 * what the answer no longer needs without an interrupt inside JDBC (a database read by
 * {@code Statement.cancel}, an HTTP call by interrupt, which aborts its exchange).
 */
public final class OverviewTasks {

	/**
	 * Optional parts stop waiting this much before the deadline, so that their fallback
	 * always wins over the deadline's 503 (as on reactive).
	 */
	static final Duration DEADLINE_MARGIN = Duration.ofMillis(5);

	private final ExecutorService executor;

	private final PartLog log;

	private final long deadline;

	private final long callTimeout;

	private final List<Runnable> stops = new ArrayList<>(4);

	public OverviewTasks(ExecutorService executor, OverviewMeters meters, LabProperties lab, long arrivalNanos) {
		this.executor = executor;
		this.log = new PartLog(meters, arrivalNanos);
		this.deadline = arrivalNanos + lab.overview().deadline().toNanos();
		this.callTimeout = lab.downstream().timeout().toNanos();
	}

	public PartLog log() {
		return this.log;
	}

	/** A read bounded by the deadline, for the calling thread. */
	public DatabaseRead read() {
		return new DatabaseRead(this.deadline);
	}

	/** A database read on a thread of its own; stopped by cancelling its statement. */
	public <T> Part<T> forkRead(String name, Function<DatabaseRead, T> query) {
		DatabaseRead read = read();
		Part<T> part = new Part<>(name, this.executor.submit(this.log.timed(name, false, () -> query.apply(read))),
				System.nanoTime());
		this.stops.add(() -> {
			if (!part.future().isDone()) {
				this.log.end(name, Trace.CANCELLED); // unless it timed out already
				read.cancel();
			}
		});
		return part;
	}

	/** An HTTP call on a thread of its own; stopped by interrupt. */
	public <T> Part<T> forkCall(String name, Callable<T> call) {
		Part<T> part = new Part<>(name, this.executor.submit(this.log.timed(name, true, call)), System.nanoTime());
		this.stops.add(() -> {
			if (!part.future().isDone()) {
				this.log.end(name, Trace.CANCELLED);
				part.future().cancel(true);
			}
		});
		return part;
	}

	/**
	 * The orders, then the latest one's shipping, in one task: shipping starts the moment
	 * the orders are in. The orders are handed over as soon as they are read; the thread
	 * is interrupted only after that, when what it runs is the HTTP call.
	 */
	public Chain ordersThenShipping(Function<DatabaseRead, List<OrderSummary>> orders,
			Function<Long, Shipment> shipping) {
		DatabaseRead read = read();
		CompletableFuture<OrdersIn> ordersIn = new CompletableFuture<>();
		Callable<List<OrderSummary>> readOrders = this.log.timed(ORDERS, false, () -> orders.apply(read));
		Future<Shipment> task = this.executor.submit(() -> {
			List<OrderSummary> latest;
			try {
				latest = readOrders.call();
			}
			catch (Exception ex) {
				ordersIn.completeExceptionally(ex);
				return null;
			}
			ordersIn.complete(new OrdersIn(latest, System.nanoTime()));
			if (latest.isEmpty() || read.cancelled()) {
				return null; // no order to ship, or the answer no longer needs it
			}
			return this.log.timed(SHIPPING, true, () -> shipping.apply(latest.get(0).id())).call();
		});
		this.stops.add(() -> {
			read.cancel(); // first: the task checks it after handing the orders over
			if (!ordersIn.isDone()) {
				this.log.end(ORDERS, Trace.CANCELLED);
			}
			else if (!task.isDone()) {
				this.log.end(SHIPPING, Trace.CANCELLED);
				task.cancel(true);
			}
		});
		return new Chain(ordersIn, task);
	}

	/** A mandatory part by the deadline; its failure fails the overview. */
	public <T> T mandatory(String name, Future<T> future) {
		try {
			return future.get(remaining(this.deadline), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			this.log.end(name, Trace.TIMEOUT);
			throw new ProblemException(Problems.databaseUnavailable());
		}
		catch (ExecutionException ex) {
			// the database's own error (mapped by ApiExceptionHandler), else a 503
			throw (ex.getCause() instanceof RuntimeException failure) ? failure
					: new ProblemException(Problems.databaseUnavailable());
		}
		catch (InterruptedException ex) {
			throw stopping();
		}
	}

	/**
	 * An optional part by its own timeout, counted from its start (the wait for a thread
	 * and for an HTTP connection included, as on reactive), and by the deadline; else its
	 * fallback, named in {@code degraded}.
	 */
	public <T> T optional(String name, Future<T> future, long startNanos, T fallback, List<String> degraded) {
		long until = Math.min(startNanos + this.callTimeout, this.deadline - DEADLINE_MARGIN.toNanos());
		try {
			return future.get(remaining(until), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			this.log.end(name, Trace.TIMEOUT);
		}
		catch (ExecutionException ex) {
			// the task recorded how it failed
		}
		catch (InterruptedException ex) {
			throw stopping();
		}
		this.log.degraded(name);
		degraded.add(name);
		return fallback;
	}

	/** Ends every part still running: the answer no longer needs it. */
	public void stop() {
		this.stops.forEach(Runnable::run);
	}

	/**
	 * Waits until a future is done whatever its outcome: for a cancelled read, until it
	 * has let go of its connection.
	 */
	public static void join(Future<?> future) {
		try {
			future.get();
		}
		catch (ExecutionException | java.util.concurrent.CancellationException ex) {
			// its outcome was recorded
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static long remaining(long until) {
		return Math.max(0, until - System.nanoTime());
	}

	/** Only a stopping server interrupts a request thread. */
	private static ProblemException stopping() {
		Thread.currentThread().interrupt();
		return new ProblemException(Problems.of(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE,
				"shutting-down", "Shutting down", "The stack is stopping; try again."));
	}

	/** A forked part and when it was forked. */
	public record Part<T>(String name, Future<T> future, long forkedNanos) {
	}

	/** The orders, handed over once read, and the task that goes on to their shipping. */
	public record Chain(CompletableFuture<OrdersIn> orders, Future<Shipment> shipping) {
	}

	/** The orders, and when they came in: shipping's timeout counts from then. */
	public record OrdersIn(List<OrderSummary> latest, long atNanos) {
	}

}
