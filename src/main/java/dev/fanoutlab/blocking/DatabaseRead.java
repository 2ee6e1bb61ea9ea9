package dev.fanoutlab.blocking;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.postgresql.jdbc.PgStatement;

import org.springframework.dao.QueryTimeoutException;

/**
 * One database read of an overview, bounded and stopped in JDBC's own terms, never by an
 * interrupt: a query timeout at the overview's deadline (pgjdbc's, to the millisecond)
 * and {@link Statement#cancel()} when the answer no longer needs it. Both make PostgreSQL
 * cancel the statement (SQLState 57014) and leave the connection in the pool. An
 * interrupt would do neither: pgjdbc's socket read ignores it on a platform thread, and
 * on a virtual thread the JDK closes the socket (JEP 444), which throws the pooled
 * connection away.
 */
public final class DatabaseRead {

	private final long deadlineNanos;

	private volatile Statement running;

	private volatile boolean cancelled;

	public DatabaseRead(long deadlineNanos) {
		this.deadlineNanos = deadlineNanos;
	}

	/** Stops the read if it runs, or before it starts; the connection stays usable. */
	public void cancel() {
		this.cancelled = true;
		Statement statement = this.running;
		if (statement != null) {
			try {
				statement.cancel(); // pgjdbc cancels only a statement still executing
			}
			catch (SQLException ex) {
				// closed meanwhile: the read is over
			}
		}
	}

	public boolean cancelled() {
		return this.cancelled;
	}

	/** Bounds a statement about to run by what is left of the deadline. */
	PreparedStatement bound(PreparedStatement statement) throws SQLException {
		long remainingMs = TimeUnit.NANOSECONDS.toMillis(this.deadlineNanos - System.nanoTime());
		if (this.cancelled || remainingMs <= 0) {
			statement.close();
			throw new QueryTimeoutException("the overview no longer needs this read");
		}
		statement.unwrap(PgStatement.class).setQueryTimeoutMs(remainingMs);
		this.running = statement;
		if (this.cancelled) { // cancelled while it was being prepared: never run it
			this.running = null;
			statement.close();
			throw new QueryTimeoutException("the overview no longer needs this read");
		}
		// a cancel from here until the statement executes finds it idle and does nothing:
		// the read then runs to its end, at most until its query timeout
		return statement;
	}

	void done() {
		this.running = null;
	}

}
