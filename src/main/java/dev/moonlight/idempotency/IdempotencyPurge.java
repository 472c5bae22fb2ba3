package dev.moonlight.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Deletes expired answers on a thread of its own, every {@code [idempotency]
 * PURGE_EVERY}, never on a call's path: batches of {@value #BATCH} rows, each its own
 * statement and commit (no long lock), for as long as they come back full and the run is
 * within {@link #BUDGET}; so a run keeps up with any rate of keyed calls it can delete,
 * and a backlog beyond the budget is worked off over the next runs. Every instance
 * purges; a row deleted by two is deleted once.
 */
public final class IdempotencyPurge implements AutoCloseable {

	static final int BATCH = 1000;

	/** How long one run keeps deleting full batches. */
	static final Duration BUDGET = Duration.ofSeconds(5);

	private static final Logger logger = LoggerFactory.getLogger(IdempotencyPurge.class);

	private final IdempotencyStore store;

	private final Clock clock;

	private final ScheduledExecutorService timer;

	IdempotencyPurge(IdempotencyStore store, Clock clock, Duration every) {
		this.store = store;
		this.clock = clock;
		this.timer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "moonlight-idempotency-purge");
			thread.setDaemon(true);
			return thread;
		});
		long millis = every.toMillis();
		this.timer.scheduleWithFixedDelay(this::purgeQuietly, millis, millis, TimeUnit.MILLISECONDS);
	}

	/**
	 * One run.
	 * @return how many expired rows it deleted
	 */
	public int purge() {
		long end = System.nanoTime() + BUDGET.toNanos();
		int deleted = 0;
		int rows;
		do {
			rows = store.purge(clock.instant(), BATCH);
			deleted += rows;
		}
		while (rows == BATCH && System.nanoTime() - end < 0);
		return deleted;
	}

	private void purgeQuietly() {
		try {
			int deleted = purge();
			if (deleted > 0) {
				logger.debug("Purged {} expired idempotency keys", deleted);
			}
		}
		catch (DataAccessException ex) {
			// The next run tries again; expired rows are never replayed meanwhile.
			logger.warn("Expired idempotency keys not purged: {}", ex.getMessage());
		}
	}

	@Override
	public void close() {
		timer.shutdownNow();
	}

}
