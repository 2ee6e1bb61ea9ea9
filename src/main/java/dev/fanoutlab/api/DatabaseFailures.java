package dev.fanoutlab.api;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Which database failures mean "the database cannot be reached now" (503 with
 * {@code Retry-After}: a refused, broken or terminated connection, a pool's acquire
 * timeout, a statement cut by its timeout, a server restarting) and which are a bug of
 * ours (500: bad SQL, a constraint). The same rule on both stacks, from Spring's
 * driver-neutral exception hierarchy; a stack adds its driver's own types for what
 * reaches it untranslated. During an outage every request fails the same way: one WARN
 * per {@link #QUIET_MILLIS} with the count of the ones not logged, not one per request.
 */
public final class DatabaseFailures {

	public static final long QUIET_MILLIS = 10_000;

	private final Log log;

	private final AtomicLong nextLogAt = new AtomicLong();

	private final AtomicLong unlogged = new AtomicLong();

	public DatabaseFailures(Log log) {
		this.log = log;
	}

	/**
	 * Whether the failure, or any of its causes, says the database could not be reached.
	 * A transaction that could not begin, commit or roll back is one: its connection is
	 * what failed.
	 */
	public static boolean unreachable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException
					|| cause instanceof TransientDataAccessResourceException || cause instanceof QueryTimeoutException
					|| cause instanceof RecoverableDataAccessException
					|| cause instanceof CannotCreateTransactionException || cause instanceof TransactionSystemException
					|| cause instanceof IOException || cause instanceof TimeoutException) {
				return true;
			}
		}
		return false;
	}

	public void warnUnreachable(Throwable failure) {
		long now = System.currentTimeMillis();
		long next = this.nextLogAt.get();
		if (now >= next && this.nextLogAt.compareAndSet(next, now + QUIET_MILLIS)) {
			long skipped = this.unlogged.getAndSet(0);
			this.log.warn("Database unavailable: " + failure
					+ ((skipped > 0) ? " (and " + skipped + " more since the last warning)" : ""));
		}
		else {
			this.unlogged.incrementAndGet();
		}
	}

}
