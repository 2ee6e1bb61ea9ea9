package dev.fanoutlab.reactive;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.apache.commons.logging.Log;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;

/**
 * Which database failures mean "the database cannot be reached" (503: refused or broken
 * connection, pool acquire timeout, a query cut by its timeout) and which are a bug of
 * ours (500: bad SQL, a constraint). During an outage every request fails the same way:
 * one WARN per {@link #QUIET_MILLIS} with the count of the ones not logged, not one per
 * request from the event loop.
 */
final class DatabaseFailures {

	static final long QUIET_MILLIS = 10_000;

	private final Log log;

	private final AtomicLong nextLogAt = new AtomicLong();

	private final AtomicLong unlogged = new AtomicLong();

	DatabaseFailures(Log log) {
		this.log = log;
	}

	static boolean unreachable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException
					|| cause instanceof TransientDataAccessResourceException || cause instanceof QueryTimeoutException
					|| cause instanceof R2dbcNonTransientResourceException
					|| cause instanceof R2dbcTransientResourceException || cause instanceof R2dbcTimeoutException
					|| cause instanceof IOException || cause instanceof TimeoutException) {
				return true;
			}
		}
		return false;
	}

	void warnUnreachable(Throwable failure) {
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
