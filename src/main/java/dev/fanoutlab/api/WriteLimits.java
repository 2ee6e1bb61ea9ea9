package dev.fanoutlab.api;

import java.time.Duration;

/**
 * The bounds of an order create, derived from the limits of the steps it is made of, the
 * same on every stack (docs/reliability.md, "Writes and faults").
 *
 * @param dbStep the longest one database step may take: the pool's acquire wait plus the
 * socket timeout of a statement on a database that stopped answering
 * @param paymentPath the longest the payment call may take: wait for a connection permit,
 * connect, then wait for the response
 * @param verdict the longest a claimed create takes to its verdict: pay, look the payment
 * up when the call ended without an answer, then confirm or release
 * @param abandonedAfter the age past which a PENDING claim has no live request behind it,
 * so that a retry or the sweeper may settle it
 */
public record WriteLimits(Duration dbStep, Duration paymentPath, Duration verdict, Duration abandonedAfter) {

	/** Hikari's {@code connection-timeout} and R2DBC's {@code max-acquire-time}. */
	public static final Duration DB_ACQUIRE = Duration.ofSeconds(3);

	/**
	 * JDBC's {@code socketTimeout} and the R2DBC steps' own timeout; the server's
	 * {@code statement_timeout} (3 s) ends a slow statement before it.
	 */
	public static final Duration DB_SOCKET = Duration.ofSeconds(5);

	/** Slack for clocks and scheduling between the steps. */
	private static final Duration SLACK = Duration.ofSeconds(1);

	public static WriteLimits of(LabProperties lab) {
		Duration dbStep = DB_ACQUIRE.plus(DB_SOCKET);
		Duration paymentPath = lab.http()
			.pendingAcquireTimeout()
			.plus(lab.http().connectTimeout())
			.plus(lab.downstream().timeout());
		Duration verdict = paymentPath.plus(paymentPath).plus(dbStep);
		return new WriteLimits(dbStep, paymentPath, verdict, verdict.plus(SLACK));
	}

}
