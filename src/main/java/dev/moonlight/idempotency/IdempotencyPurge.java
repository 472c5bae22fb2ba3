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
 * PURGE_EVERY}, never on a call's path: at most {@value #MAX_BATCHES} batches of
 * {@value #BATCH} rows a run, each its own statement and commit, so a large backlog is
 * worked off over several runs without a long lock. Every instance purges; a row deleted
 * by two is deleted once.
 */
public final class IdempotencyPurge implements AutoCloseable {

	static final int BATCH = 1000;

	static final int MAX_BATCHES = 10;

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
		int deleted = 0;
		for (int batch = 0; batch < MAX_BATCHES; batch++) {
			int rows = store.purge(clock.instant(), BATCH);
			deleted += rows;
			if (rows < BATCH) {
				break;
			}
		}
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
