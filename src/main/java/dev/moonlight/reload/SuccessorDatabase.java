package dev.moonlight.reload;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

/**
 * The new process's side of a reload on an embedded H2 file
 * ({@link SharedEmbeddedDatabase}): its pool reaches the old process's open database
 * through that process's TCP server ({@link HandedOverDataSource}), then takes the file
 * over. Once the old process has drained and closed its own pool, this one holds its
 * calls' borrows (HikariCP's pool suspension), waits for the connections in use to come
 * back, closes them all, lets the old process shut the database down, opens the file
 * itself and lets the borrows go on. A call meanwhile waits a moment for its connection;
 * none fails. Should the old process exit without a word, the file is taken over once it
 * is gone.
 */
final class SuccessorDatabase implements BeanPostProcessor {

	private static final Logger logger = LoggerFactory.getLogger(SuccessorDatabase.class);

	/**
	 * How long the calls in flight may keep their connections to the old process once the
	 * borrows are held.
	 */
	private static final Duration RETURN_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration WAIT_STEP = Duration.ofMinutes(1);

	private final String remoteUrl;

	private final DatabaseHandOver handOver;

	private final long oldPid;

	/**
	 * @param remoteUrl the old process's database
	 * ({@value SharedEmbeddedDatabase#VARIABLE})
	 * @param status this process's reload status file, beside which the database
	 * hand-over is written
	 */
	SuccessorDatabase(String remoteUrl, HandOverFile status) {
		this.remoteUrl = remoteUrl;
		this.handOver = DatabaseHandOver.beside(status);
		this.oldPid = status.oldPid();
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool && pool.getDataSource() == null) {
			HandedOverDataSource source = new HandedOverDataSource(this.remoteUrl, pool.getJdbcUrl(),
					pool.getUsername(), pool.getPassword());
			pool.setDataSource(source);
			pool.setAllowPoolSuspension(true);
			Thread takeover = new Thread(() -> takeOver(pool, source), "moonlight-reload-database");
			takeover.setDaemon(true);
			takeover.start();
		}
		return bean;
	}

	private void takeOver(HikariDataSource pool, HandedOverDataSource source) {
		try {
			if (awaitWhileOldLives(DatabaseHandOver.DRAINED, null)) {
				handOver(pool, source);
			}
			else {
				// The old process is gone without a word: its server and its lock went
				// with it.
				source.openFile();
				evict(pool);
			}
			this.handOver.delete();
			logger.info("Reload: this process opened the database file itself; pid {} no longer serves it",
					this.oldPid);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			logger.error("Reload: taking the database file over failed", ex);
		}
	}

	/**
	 * Holds the borrows, lets go of the old process, waits for it to close the database,
	 * opens the file.
	 */
	private void handOver(HikariDataSource pool, HandedOverDataSource source) throws InterruptedException {
		HikariPoolMXBean connections = pool.getHikariPoolMXBean();
		connections.suspendPool();
		try {
			source.pause();
			awaitReturned(connections);
			connections.softEvictConnections();
			this.handOver.write(DatabaseHandOver.RELEASED);
			awaitWhileOldLives(DatabaseHandOver.CLOSED, Instant.now().plus(SharedEmbeddedDatabase.RELEASE_TIMEOUT));
		}
		catch (IOException ex) {
			logger.error("Reload: cannot write {}: {}; the file is taken over once pid {} is gone",
					this.handOver.path(), ex.getMessage(), this.oldPid);
			awaitWhileOldLives(DatabaseHandOver.CLOSED, Instant.now().plus(SharedEmbeddedDatabase.RELEASE_TIMEOUT));
		}
		finally {
			source.openFile();
			// A connection to the old process that was being opened as the borrows were
			// held joins no call.
			connections.softEvictConnections();
			connections.resumePool();
		}
	}

	/**
	 * Waits until the hand-over file says {@code state} while the old process lives,
	 * until {@code deadline} when one is given.
	 * @return whether the file said it (false: the old process is gone, or the deadline
	 * passed)
	 */
	private boolean awaitWhileOldLives(String state, Instant deadline) throws InterruptedException {
		Optional<ProcessHandle> old = ProcessHandle.of(this.oldPid);
		while (true) {
			if (this.handOver.await(state, WAIT_STEP, () -> old.map((process) -> !process.isAlive()).orElse(true))) {
				return true;
			}
			if (old.map((process) -> !process.isAlive()).orElse(true)
					|| (deadline != null && Instant.now().isAfter(deadline))) {
				return false;
			}
		}
	}

	private static void evict(HikariDataSource pool) {
		HikariPoolMXBean connections = pool.getHikariPoolMXBean();
		if (connections != null) {
			connections.softEvictConnections();
		}
	}

	/**
	 * Until no call holds a connection to the old process (the pool holds new borrows
	 * meanwhile).
	 */
	private static void awaitReturned(HikariPoolMXBean connections) throws InterruptedException {
		Instant deadline = Instant.now().plus(RETURN_TIMEOUT);
		while (connections.getActiveConnections() > 0 && Instant.now().isBefore(deadline)) {
			Thread.sleep(5);
		}
		if (connections.getActiveConnections() > 0) {
			logger.warn("Reload: {} connection(s) still in use after {}s; they end with the old process's database",
					connections.getActiveConnections(), RETURN_TIMEOUT.toSeconds());
		}
	}

}
