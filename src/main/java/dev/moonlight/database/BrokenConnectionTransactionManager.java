package dev.moonlight.database;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * A {@link JdbcTransactionManager} for which rolling back over a connection that has
 * already broken is not an error. When the database goes away (or an outage aborts the
 * connection) under a transaction, its statement fails, and the rollback that follows can
 * only fail too; Spring would then log "Application exception overridden by rollback
 * exception" at ERROR with a stack trace, once per transaction, and throw the rollback's
 * "Connection is closed" (no SQLState) in place of the statement's connection failure.
 * The server ends the transaction with the session anyway, so the statement's own failure
 * is what the caller gets.
 */
public final class BrokenConnectionTransactionManager extends JdbcTransactionManager {

	private static final long serialVersionUID = 1L;

	private static final Logger logger = LoggerFactory.getLogger(BrokenConnectionTransactionManager.class);

	public BrokenConnectionTransactionManager(DataSource dataSource) {
		super(dataSource);
	}

	@Override
	protected void doRollback(DefaultTransactionStatus status) {
		try {
			super.doRollback(status);
		}
		catch (RuntimeException ex) {
			if (!broken(status)) {
				throw ex;
			}
			logger.debug("Rollback over a broken connection skipped ({})", ex.getMessage());
		}
	}

	private static boolean broken(DefaultTransactionStatus status) {
		if (!(status.getTransaction() instanceof JdbcTransactionObjectSupport transaction)
				|| !transaction.hasConnectionHolder()) {
			return false;
		}
		Connection connection = transaction.getConnectionHolder().getConnection();
		try {
			return connection.isClosed();
		}
		catch (SQLException ex) {
			return true;
		}
	}

}
