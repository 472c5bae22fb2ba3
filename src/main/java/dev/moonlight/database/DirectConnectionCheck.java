package dev.moonlight.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Asks the driver for a new connection outside the pool, on a thread of its own, and
 * reports a prompt refusal (unreachable, not accepting connections, too many, a failed
 * login): that comes in milliseconds, where a borrow from the pool would wait out its
 * connection timeout while the pool retries. An attempt the database does not answer in
 * time (a silent network holds it until pgjdbc's login timeout) reports nothing: the
 * probe's round trip judges silence. One attempt at a time; a check while one still runs
 * does nothing.
 */
final class DirectConnectionCheck implements AutoCloseable {

	private final ExecutorService attempts = Executors.newSingleThreadExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "moonlight-database-connect");
		thread.setDaemon(true);
		return thread;
	});

	private Future<?> running;

	private long runningSinceNanos;

	/**
	 * Starts an attempt; {@code refused} gets its failure if it failed, with an answer,
	 * within {@code within}.
	 */
	synchronized void check(GuardedDataSource target, Duration within, Consumer<SQLException> refused) {
		if (running != null && !running.isDone()) {
			return;
		}
		try {
			runningSinceNanos = System.nanoTime();
			running = attempts.submit(() -> {
				long started = System.nanoTime();
				SQLException failure = connect(target);
				if (failure != null && !ConnectionFailures.noAnswer(failure)
						&& System.nanoTime() - started <= within.toNanos()) {
					refused.accept(failure);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// Closed: the application stops.
		}
	}

	/**
	 * Starts an attempt as {@link #check} does (a refusal reported to nobody: it may be
	 * the database's limit of connections, not an outage), or joins the one running, and
	 * waits for it: true when it has had no answer (a connection, or a refusal) within
	 * {@code within} of its start.
	 */
	boolean unanswered(GuardedDataSource target, Duration within) throws InterruptedException {
		Future<?> attempt;
		long since;
		synchronized (this) {
			check(target, within, (refusal) -> {
			});
			attempt = running;
			since = runningSinceNanos;
		}
		if (attempt == null) {
			return false;
		}
		try {
			attempt.get(Math.max(0, within.toNanos() - (System.nanoTime() - since)), TimeUnit.NANOSECONDS);
			return false;
		}
		catch (TimeoutException ex) {
			return true;
		}
		catch (ExecutionException | CancellationException ex) {
			return false;
		}
	}

	private static SQLException connect(GuardedDataSource target) {
		try (Connection connection = target.directConnection()) {
			return null;
		}
		catch (SQLException ex) {
			return ex;
		}
	}

	@Override
	public void close() {
		attempts.shutdownNow();
	}

}
