package dev.moonlight.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Holds a side effect that leaves the process (a broker message, a realtime event) until
 * the calling thread's transaction commits: sent before, it could be seen before the rows
 * it speaks of, or for rows a rollback never kept. Without a transaction it runs at once.
 * Spring runs it on the committing thread right after the commit, and drops it on a
 * rollback.
 */
public final class AfterCommit {

	private static final Logger logger = LoggerFactory.getLogger(AfterCommit.class);

	private AfterCommit() {
	}

	/** Whether the calling thread has a transaction whose commit can be waited for. */
	public static boolean pending() {
		return TransactionSynchronizationManager.isSynchronizationActive();
	}

	/**
	 * Runs {@code effect} once the calling thread's transaction has committed (never on
	 * rollback), or now when there is none. Once committed, a failure of {@code effect}
	 * is logged, not thrown: the caller's data is stored, and an exception would tell it
	 * otherwise.
	 * @param what names the effect in the log ({@code job 42 to RabbitMQ})
	 */
	public static void run(String what, Runnable effect) {
		if (!pending()) {
			effect.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				try {
					effect.run();
				}
				catch (RuntimeException ex) {
					logger.error("After the commit, {} failed", what, ex);
				}
			}

		});
	}

}
