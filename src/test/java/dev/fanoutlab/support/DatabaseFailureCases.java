package dev.fanoutlab.support;

import java.io.IOException;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The database failures both stacks must answer alike: 503 when the database cannot be
 * reached, 500 when the failure is a bug of ours. Each stack's test adds its driver's
 * own.
 */
public final class DatabaseFailureCases {

	private DatabaseFailureCases() {
	}

	public static Stream<Arguments> driverNeutral() {
		return Stream.of(Arguments.of(new DataAccessResourceFailureException("connection refused"), 503), Arguments
			.of(new DataAccessResourceFailureException("terminating connection due to administrator command"), 503),
				Arguments.of(new TransientDataAccessResourceException("pool exhausted"), 503),
				Arguments.of(new QueryTimeoutException("no answer within 5 s"), 503),
				Arguments.of(new CannotCreateTransactionException("could not open a connection",
						new IOException("Connection reset")), 503),
				Arguments.of(new TransactionSystemException("rollback failed on a closed connection"), 503),
				Arguments.of(new DataIntegrityViolationException("null value in column"), 500),
				Arguments.of(new DuplicateKeyException("duplicate key value"), 500),
				Arguments.of(new InvalidDataAccessApiUsageException("wrong parameter count"), 500));
	}

}
