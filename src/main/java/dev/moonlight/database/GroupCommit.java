package dev.moonlight.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.moonlight.dispatch.ServiceUnavailableException;

/**
 * Writes of many calls stored by one transaction and one commit. A durable commit waits
 * for the disk (PostgreSQL's WAL flush, H2's chunk write), and that wait, not the
 * statement, is most of what a small write costs; so one writer thread takes every write
 * queued while it was busy (up to {@code maxBatch}) and commits them together. Each
 * caller's future completes only after that commit, so an acknowledged write is as
 * durable as if it had committed alone.
 * <p>
 * A write is a {@link ConnectionCallback} run inside the shared transaction: it must not
 * commit, roll back or change the connection's auto-commit, and it may be run twice. When
 * one write of a batch fails, the batch is rolled back and each of its writes runs again
 * in a transaction of its own, so the failing one gets its own error and the others are
 * stored. A {@link WriteStatement} write shares more: the batch's writes of one statement
 * are sent as one JDBC batch. A write made inside a transaction (a
 * {@code TransactionTemplate}, or a {@code @Transactional} method where declarative
 * transactions are on) is no shared write: it runs at once in that transaction, and
 * commits or rolls back with it. A caller that waits for the result holds no worker: an
 * action returns the future ({@code CompletionStage}), and its worker takes the next call
 * while the write waits for its batch.
 * <p>
 * The futures complete on the writer thread, so their continuations (a {@code thenApply})
 * hold up the next batch while they run: keep them short, and move slow work elsewhere
 * ({@code thenApplyAsync}). A write made by such a continuation is stored at once, alone,
 * since its batch could not start before the continuation ends.
 * <p>
 * Closed after the application's drain (it is a bean the drained calls depend on): it
 * stores what is queued, then answers any later write with 503.
 */
public final class GroupCommit implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(GroupCommit.class);

	/**
	 * How long the writer waits for a first write before it looks whether it should stop.
	 */
	private static final long IDLE_POLL_MILLIS = 200;

	/**
	 * How long close() waits for the writer: a batch stuck on a silent network must not
	 * hold the exit.
	 */
	private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

	private final DataSource dataSource;

	private final int maxBatch;

	/**
	 * The query timeout of the statements of {@link WriteStatement} writes, in seconds; 0
	 * for none.
	 */
	private final int statementTimeoutSeconds;

	private final BlockingQueue<PendingWrite<?>> queue;

	private final SQLExceptionTranslator translator = new SQLExceptionSubclassTranslator();

	private final Thread writer;

	private final LongAdder commits = new LongAdder();

	private final LongAdder stored = new LongAdder();

	private volatile boolean closing;

	/**
	 * @param dataSource where the writes go; one connection is borrowed per batch
	 * @param maxBatch the most writes one commit stores
	 * @param maxPending the most writes that may wait; one more is answered 503 at once
	 */
	public GroupCommit(DataSource dataSource, int maxBatch, int maxPending) {
		this(dataSource, maxBatch, maxPending, Duration.ZERO);
	}

	/**
	 * @param dataSource where the writes go; one connection is borrowed per batch
	 * @param maxBatch the most writes one commit stores
	 * @param maxPending the most writes that may wait; one more is answered 503 at once
	 * @param statementTimeout how long one {@link WriteStatement} (or one JDBC batch of
	 * them) may run, rounded up to whole seconds as JDBC counts them; zero for none. A
	 * statement stuck on a lock would otherwise hold every write behind it. A
	 * {@link ConnectionCallback} write sets its own statements' timeout.
	 */
	public GroupCommit(DataSource dataSource, int maxBatch, int maxPending, Duration statementTimeout) {
		if (maxBatch < 1 || maxPending < maxBatch) {
			throw new IllegalArgumentException("GroupCommit needs 1 <= maxBatch <= maxPending, got maxBatch=" + maxBatch
					+ ", maxPending=" + maxPending);
		}
		this.dataSource = dataSource;
		this.maxBatch = maxBatch;
		long seconds = statementTimeout.toSeconds() + ((statementTimeout.toNanosPart() > 0) ? 1 : 0);
		this.statementTimeoutSeconds = (int) Math.min(Integer.MAX_VALUE, Math.max(0, seconds));
		this.queue = new ArrayBlockingQueue<>(maxPending);
		this.writer = new Thread(this::run, "moonlight-group-commit");
		this.writer.setDaemon(true);
		this.writer.start();
	}

	/**
	 * Queues a write for the next commit.
	 * @param label what the write is, for errors and the log ({@code task.create})
	 * @param work the statements, run on the batch's connection inside its transaction
	 * @return completes with the write's result once its batch has committed, or with the
	 * write's (translated) error
	 */
	public <T> CompletableFuture<T> write(String label, ConnectionCallback<T> work) {
		return submit(new PendingWrite<>(label, work, null));
	}

	/**
	 * Queues a one-statement write for the next commit; the batch's writes of the same
	 * statement are executed as one JDBC batch.
	 * @param label what the write is, for errors and the log ({@code task.create})
	 * @param statement the statement, its values and how its returned row is read
	 * @return completes with the returned row once the write's batch has committed, or
	 * with its (translated) error
	 */
	public <T> CompletableFuture<T> write(String label, WriteStatement<T> statement) {
		return submit(new PendingWrite<>(label, (connection) -> statement.execute(connection, statementTimeoutSeconds),
				statement));
	}

	private <T> CompletableFuture<T> submit(PendingWrite<T> write) {
		if (TransactionSynchronizationManager.hasResource(dataSource)) {
			joinTransaction(write);
		}
		else if (Thread.currentThread() == writer) {
			// A continuation of an earlier write (they run on the writer): queued, a
			// caller that waited for it here would wait for ever, so it is stored now,
			// alone.
			store(List.of(write));
		}
		else if (closing) {
			write.fail(stopping());
		}
		else if (!queue.offer(write)) {
			write.fail(new ServiceUnavailableException("Server is busy, try again later", 1));
		}
		else if (closing && queue.remove(write)) {
			// Queued while close() drained: nobody would take it now.
			write.fail(stopping());
		}
		return write.result;
	}

	/**
	 * The commits made and the writes they stored since boot (their ratio is the batching
	 * achieved), and the queue.
	 */
	public Stats stats() {
		return new Stats(commits.sum(), stored.sum(), queue.size());
	}

	/**
	 * @param commits the commits made by the writer (a batch, or a write run alone after
	 * its batch failed)
	 * @param writes the writes those commits stored
	 * @param waiting the writes queued for the next commit now
	 */
	public record Stats(long commits, long writes, int waiting) {
	}

	/**
	 * The calling thread has a transaction on this database: the write belongs to it (and
	 * to its rollback), so it runs now on the transaction's connection, and its future is
	 * complete when this returns.
	 */
	private void joinTransaction(PendingWrite<?> write) {
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			write.run(connection);
			write.committed();
		}
		catch (SQLException ex) {
			write.failed(translate(write.label, ex));
		}
		catch (RuntimeException ex) {
			write.failed(ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
		write.settle();
	}

	/** Stores what is queued, then stops; a write queued after this is answered 503. */
	@Override
	public void close() throws InterruptedException {
		closing = true;
		writer.join(CLOSE_WAIT.toMillis());
		if (writer.isAlive()) {
			logger.warn("The group commit's writer did not finish within {}s; the writes still queued are answered 503",
					CLOSE_WAIT.toSeconds());
		}
		List<PendingWrite<?>> left = new ArrayList<>();
		queue.drainTo(left);
		left.forEach((write) -> write.fail(stopping()));
	}

	private void run() {
		List<PendingWrite<?>> batch = new ArrayList<>(maxBatch);
		while (!closing || !queue.isEmpty()) {
			try {
				PendingWrite<?> first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				queue.drainTo(batch, maxBatch - 1);
				store(batch);
			}
			catch (InterruptedException ex) {
				// Only close() may end the writer: a stray interrupt would leave every
				// later write queued for ever.
				if (closing) {
					Thread.currentThread().interrupt();
					break;
				}
				logger.warn("The group commit's writer was interrupted; it goes on");
			}
			catch (RuntimeException | Error ex) {
				// A bug here must not leave callers waiting for ever, nor end the writer.
				logger.error("Group commit failed unexpectedly; its writes are answered with the error", ex);
				batch.forEach((write) -> write.fail(ex));
			}
			finally {
				batch.clear();
			}
		}
	}

	/**
	 * One transaction for the batch; on a write's failure, one transaction for each of
	 * its writes. The callers hear of the outcome once the connection is back in the
	 * pool: their continuations run on this thread, and one that writes again needs a
	 * connection.
	 */
	private void store(List<PendingWrite<?>> batch) {
		try {
			storeOnOneConnection(batch);
		}
		catch (RuntimeException | Error ex) {
			batch.forEach((write) -> write.failed(ex));
			throw ex;
		}
		finally {
			batch.forEach(PendingWrite::settle);
		}
	}

	private void storeOnOneConnection(List<PendingWrite<?>> batch) {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			// HikariCP resets auto-commit when the connection goes back to the pool.
			if (!storeTogether(connection, batch)) {
				storeEachAlone(connection, batch);
			}
		}
		catch (SQLException ex) {
			// No connection, or it broke (the commit, a write's connection-class
			// failure): one outcome for all. The write's own error is kept, so an outage
			// stays a 503.
			RuntimeException failure = translate("group commit", ex);
			batch.forEach((write) -> write.failed(failure));
		}
	}

	/**
	 * Rolls back after a write failed. A connection that broke (a connection-class
	 * failure, or the rollback itself failing because it is closed) rethrows the write's
	 * own failure, so the batch fails with it rather than with "Connection is closed",
	 * and no write is run again on a dead connection.
	 */
	private static void rollBack(Connection connection, Exception failure) throws SQLException {
		if (failure instanceof SQLException sql && ConnectionFailures.unreachable(sql)) {
			throw sql;
		}
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			if (failure instanceof SQLException sql) {
				sql.addSuppressed(ex);
				throw sql;
			}
			throw ex;
		}
	}

	/**
	 * True when every write ran and the commit succeeded; false after a write failed and
	 * the batch rolled back.
	 */
	private boolean storeTogether(Connection connection, List<PendingWrite<?>> batch) throws SQLException {
		if (batch.size() == 1) {
			storeAlone(connection, batch.get(0));
			return true;
		}
		int start = 0;
		while (start < batch.size()) {
			int end = endOfRun(batch, start);
			try {
				if (end - start > 1) {
					runAsOneStatement(connection, batch.subList(start, end));
				}
				else {
					batch.get(start).run(connection);
				}
			}
			catch (SQLException | RuntimeException ex) {
				rollBack(connection, ex);
				return false;
			}
			start = end;
		}
		connection.commit();
		counted(batch.size());
		batch.forEach(PendingWrite::committed);
		return true;
	}

	/**
	 * Where the run of writes of the same statement that begins at {@code start} ends
	 * (exclusive).
	 */
	private static int endOfRun(List<PendingWrite<?>> batch, int start) {
		WriteStatement<?> statement = batch.get(start).statement;
		int end = start + 1;
		while (statement != null && end < batch.size() && batch.get(end).statement != null
				&& statement.batchesWith(batch.get(end).statement)) {
			end++;
		}
		return end;
	}

	/** Writes of one statement as a JDBC batch; each gets its returned row, in order. */
	private void runAsOneStatement(Connection connection, List<PendingWrite<?>> run) throws SQLException {
		WriteStatement<?> statement = run.get(0).statement;
		try (PreparedStatement batch = statement.prepare(connection, statementTimeoutSeconds)) {
			for (PendingWrite<?> write : run) {
				write.statement.values().setValues(batch);
				batch.addBatch();
			}
			batch.executeBatch();
			if (statement.returned().isEmpty()) {
				return;
			}
			try (ResultSet keys = batch.getGeneratedKeys()) {
				for (int i = 0; i < run.size(); i++) {
					run.get(i).returned(keys, i + 1);
				}
			}
		}
	}

	/**
	 * After the batch failed, each write alone. A write that times out (stuck on a lock,
	 * say) fails the rest of the batch with its error: each would likely wait the same
	 * timeout, and every write queued behind them too.
	 */
	private void storeEachAlone(Connection connection, List<PendingWrite<?>> batch) throws SQLException {
		for (PendingWrite<?> write : batch) {
			Exception timeout = storeAlone(connection, write);
			if (timeout != null) {
				batch.forEach((rest) -> rest.failed(timeout));
				return;
			}
		}
	}

	/**
	 * Stores one write in a transaction of its own; returns its failure when that was a
	 * statement timeout.
	 */
	private Exception storeAlone(Connection connection, PendingWrite<?> write) throws SQLException {
		try {
			write.run(connection);
		}
		catch (SQLException | RuntimeException ex) {
			rollBack(connection, ex);
			RuntimeException failure = (ex instanceof SQLException sql) ? translate(write.label, sql)
					: (RuntimeException) ex;
			write.failed(failure);
			return (failure instanceof QueryTimeoutException) ? failure : null;
		}
		connection.commit();
		counted(1);
		write.committed();
		return null;
	}

	private void counted(int writes) {
		commits.increment();
		stored.add(writes);
	}

	/**
	 * As JdbcTemplate would throw it; the error mapper finds a
	 * {@link DatabaseUnavailableException} among its causes.
	 */
	private RuntimeException translate(String label, SQLException ex) {
		DataAccessException translated = translator.translate(label, null, ex);
		return (translated != null) ? translated : new UncategorizedSQLException(label, null, ex);
	}

	private static ServiceUnavailableException stopping() {
		return new ServiceUnavailableException("The server is stopping; try again shortly", 1);
	}

	private static final class PendingWrite<T> {

		private final String label;

		private final ConnectionCallback<T> work;

		/**
		 * The write as one statement, so that it can share a JDBC batch; {@code null} for
		 * any other write.
		 */
		private final WriteStatement<T> statement;

		private final CompletableFuture<T> result = new CompletableFuture<>();

		private T value;

		/**
		 * The outcome, until {@link #settle()} tells the caller: committed, or the
		 * failure.
		 */
		private boolean committed;

		private Throwable failure;

		PendingWrite(String label, ConnectionCallback<T> work, WriteStatement<T> statement) {
			this.label = label;
			this.work = work;
			this.statement = statement;
		}

		void run(Connection connection) throws SQLException {
			value = work.doInConnection(connection);
		}

		/** Reads this write's row from a batch's returned rows. */
		void returned(ResultSet keys, int number) throws SQLException {
			value = statement.next(keys, number);
		}

		/** Its transaction committed; the caller is told by {@link #settle()}. */
		void committed() {
			committed = true;
		}

		/**
		 * It failed, unless it committed already (a later failure, such as closing the
		 * connection, is not its own).
		 */
		void failed(Throwable failure) {
			if (!committed && this.failure == null) {
				this.failure = failure;
			}
		}

		/**
		 * Tells the caller the outcome; a write neither committed nor failed (a bug) is
		 * failed rather than left.
		 */
		void settle() {
			if (committed) {
				result.complete(value);
			}
			else {
				result.completeExceptionally((failure != null) ? failure
						: new IllegalStateException(label + " was neither stored nor failed"));
			}
		}

		/** Fails it at once: it never reached a transaction. */
		void fail(Throwable failure) {
			result.completeExceptionally(failure);
		}

	}

}
