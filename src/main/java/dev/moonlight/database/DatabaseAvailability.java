package dev.moonlight.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import dev.moonlight.logging.LogFields;

/**
 * Whether the database can be reached, as one probe thread finds it: every
 * {@link Timings#upEvery()} while the database is up and every
 * {@link Timings#downEvery()} while it is down, it takes a pooled connection (waiting
 * {@link Timings#borrowWithin()} at most) and sends {@code SELECT 1}. When a pooled
 * connection breaks or a call gets none, it looks at once and also has
 * {@link DirectConnectionCheck} open a new connection outside the pool. The database is
 * down, with one WARN line, when that new connection is refused, when the probe gets no
 * pooled connection for want of it (the pool's last attempt failed: a connection-class
 * SQLState; a pool merely busy does not count), or when the probe's round trip gets no
 * answer within {@link Timings#answerWithin()} while no call's connection comes back
 * either (a silent network). Then {@link GuardedDataSource} fails every
 * {@code getConnection()} at once and aborts the connections calls hold, so a statement
 * waiting on a silent network ends now rather than when the network returns, and the pool
 * stops topping up its idle connections. It is up again, with one INFO line, at the
 * probe's first answer. {@code /ready} reads this state and never takes a connection
 * itself.
 * <p>
 * HikariCP's own line per broken pooled connection comes here instead of the log
 * ({@link PoolLogFilter}): during an outage (and for {@link #AFTERMATH} after it) they
 * are counted, and the count goes on the recovery line; a break outside an outage is
 * logged once, in HikariCP's words, by the next probe that finds the database answering.
 */
public final class DatabaseAvailability implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseAvailability.class);

	/**
	 * How long after an outage pooled connections found broken count as the outage's (the
	 * Retry-After it gave).
	 */
	private static final Duration AFTERMATH = Duration.ofSeconds(DatabaseUnavailableException.RETRY_AFTER_SECONDS);

	private final Timings timings;

	/** Wakes the probe before its time: a pooled connection broke, or a call got none. */
	private final Semaphore wake = new Semaphore(0);

	/**
	 * The pooled connections HikariCP found broken since the last report, and the first
	 * one's line.
	 */
	private final AtomicInteger broken = new AtomicInteger();

	private final AtomicReference<Broken> firstBroken = new AtomicReference<>();

	private volatile GuardedDataSource pool;

	/** Why the database is down, or {@code null} while it is up. */
	private volatile String down;

	private volatile long downSinceNanos;

	/** When the database was last found back; {@code null} until an outage has ended. */
	private volatile Long upSinceNanos;

	private volatile Thread probe;

	private volatile DirectConnectionCheck direct;

	public DatabaseAvailability() {
		this(Timings.DEFAULT);
	}

	DatabaseAvailability(Timings timings) {
		this.timings = timings;
	}

	/**
	 * The pool the probe asks and whose calls' connections an outage aborts; set when the
	 * DataSource is wrapped.
	 */
	void watch(GuardedDataSource pool) {
		this.pool = pool;
	}

	public boolean available() {
		return down == null;
	}

	/** Why the database is unavailable, or {@code null} while it is available. */
	public String reason() {
		return down;
	}

	/**
	 * Whether HikariCP lines naming this pool belong to this availability (several
	 * applications may share a JVM).
	 */
	boolean owns(String poolName) {
		GuardedDataSource target = pool;
		return target != null && poolName.equals(target.poolName());
	}

	DatabaseUnavailableException unavailable(Throwable cause) {
		String reason = down;
		return new DatabaseUnavailableException((reason != null) ? reason : "no connection", cause);
	}

	/**
	 * A call could not get a connection for want of the database: the probe looks now
	 * rather than at its time.
	 */
	void suspect() {
		if (available()) {
			wake.release();
		}
	}

	/**
	 * The probe could not get a connection in time: down when that was for want of the
	 * database (the pool's last attempt failed), not a busy pool. Just after an outage
	 * that cause may be one of the outage's, left over while a loaded pool refills: then
	 * only a refused new connection marks it down.
	 */
	private void failed(GuardedDataSource target, SQLException failure, long returnedBefore)
			throws InterruptedException {
		if (!ConnectionFailures.unreachable(failure)) {
			noPooledConnection(target, returnedBefore);
			return;
		}
		Long up = upSinceNanos;
		if (up != null && System.nanoTime() - up < AFTERMATH.toNanos()) {
			connectDirectly(target);
		}
		else {
			markDown(reason(failure));
		}
	}

	/**
	 * No pooled connection in time, for no reason the pool knows: every one is in use, or
	 * the idle ones failed their validation (on a silent network that takes HikariCP's
	 * validation timeout each, and a new one waits out pgjdbc's connect timeout,
	 * seconds). A new connection outside the pool tells which: the database is silent
	 * when that gets no answer within {@code answerWithin} either, while no call's
	 * connection came back since the probe began.
	 */
	private void noPooledConnection(GuardedDataSource target, long returnedBefore) throws InterruptedException {
		DirectConnectionCheck check = direct;
		if (check != null && check.unanswered(target, timings.answerWithin()) && target.returned() == returnedBefore) {
			markDown("the database does not answer within " + timings.answerWithin().toMillis() + "ms");
		}
	}

	/**
	 * HikariCP found a pooled connection broken (its WARN line, which
	 * {@link PoolLogFilter} kept out of the log): counted, and while the database is up
	 * the probe looks at once whether it is an outage. Never blocks: any thread that logs
	 * calls it.
	 */
	void connectionBroke(String line, Throwable cause) {
		if (broken.getAndIncrement() == 0) {
			firstBroken.set(new Broken(line, cause, System.nanoTime()));
		}
		suspect();
	}

	private void markDown(String reason) {
		GuardedDataSource target = pool;
		synchronized (this) {
			if (down != null) {
				return;
			}
			down = reason;
			downSinceNanos = System.nanoTime();
			logger.warn("database: unavailable ({}); calls that need it answer 503 until it is back",
					LogFields.safe(reason));
			if (target != null) {
				target.pauseRefill();
			}
		}
		if (target != null) {
			// Outside the lock: aborting closes sockets, and the calls it ends log
			// through PoolLogFilter.
			int aborted = target.abortInUse();
			logger.debug("database: aborted {} connection(s) in use", aborted);
		}
	}

	private synchronized void markUp() {
		if (down != null) {
			down = null;
			upSinceNanos = System.nanoTime();
			GuardedDataSource target = pool;
			if (target != null) {
				target.resumeRefill();
			}
			int replaced = broken.getAndSet(0);
			firstBroken.set(null);
			logger.info("database: available again after {}ms{}",
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - downSinceNanos),
					(replaced > 0) ? "; " + replaced + " broken pooled connection(s) were dropped meanwhile" : "");
		}
	}

	/**
	 * The database answers: pooled connections found broken before this probe began were
	 * a break, not an outage.
	 */
	private void reportBrokenBefore(long probeStartedNanos) {
		Broken first = firstBroken.get();
		if (first == null || first.atNanos() - probeStartedNanos > 0 || !firstBroken.compareAndSet(first, null)) {
			return;
		}
		int count = broken.getAndSet(0);
		Long up = upSinceNanos;
		if (up != null && first.atNanos() - up < AFTERMATH.toNanos()) {
			// Pooled connections the outage broke, found once it was over: the outage's
			// lines said it.
			logger.info("database: {} more pooled connection(s) broken by the outage found and dropped", count);
			return;
		}
		logger.warn("database: {} pooled connection(s) found broken and dropped; the database answers. The first: {}",
				count, LogFields.safe(first.line()), first.cause());
	}

	private void probeRound(GuardedDataSource target, boolean woken) throws InterruptedException {
		// Woken by a broken connection or a call that got none: a refused new connection
		// says so in milliseconds.
		if (woken) {
			connectDirectly(target);
		}
		if (probeOnce(target)) {
			connectDirectly(target);
		}
	}

	/**
	 * One look at the database through the pool; true when the probe's connection broke
	 * (an answer, not silence).
	 */
	private boolean probeOnce(GuardedDataSource target) throws InterruptedException {
		long started = System.nanoTime();
		long returnedBefore = target.returned();
		try {
			Connection connection = target.probeConnection(timings.borrowWithin());
			long returned = target.returned();
			try {
				roundTrip(connection);
			}
			catch (SQLException ex) {
				return unanswered(target, connection, ex, returned);
			}
			connection.close();
			markUp();
			reportBrokenBefore(started);
		}
		catch (SQLException ex) {
			failed(target, ex, returnedBefore);
		}
		catch (RuntimeException ex) {
			// Never let the probe thread die; the next round tries again.
			logger.debug("database: probe failed", ex);
		}
		return false;
	}

	/**
	 * The probe's round trip failed. No answer came within the timeout and no call's
	 * connection came back meanwhile: the database is silent (a slow one would still
	 * answer calls). Any other failure (an error, a reset) is this connection's: a
	 * backend ended, which says nothing of the database yet, so true: see whether it
	 * takes a new one.
	 */
	private boolean unanswered(GuardedDataSource target, Connection connection, SQLException failure,
			long returnedBefore) {
		boolean silent = ConnectionFailures.noAnswer(failure);
		if (silent && target.returned() == returnedBefore) {
			// Down first: the pool's lines about the connection dropped below are then
			// part of the outage.
			markDown("the database does not answer within " + timings.answerWithin().toMillis() + "ms");
		}
		// Evicted, not closed: closing would reset it over the dead socket and have
		// HikariCP log that.
		target.evict(connection);
		return !silent;
	}

	/**
	 * Has {@link DirectConnectionCheck} try a new connection; a refusal marks the
	 * database down, from its thread.
	 */
	private void connectDirectly(GuardedDataSource target) {
		DirectConnectionCheck check = direct;
		if (check != null) {
			check.check(target, timings.answerWithin(), (refusal) -> markDown(reason(refusal)));
		}
	}

	/** {@code SELECT 1}, its answer awaited {@link Timings#answerWithin()} at most. */
	private void roundTrip(Connection connection) throws SQLException {
		try {
			connection.setNetworkTimeout(Runnable::run, (int) timings.answerWithin().toMillis());
		}
		catch (SQLFeatureNotSupportedException ex) {
			// An embedded database has no network to wait on.
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute("SELECT 1");
		}
	}

	private void probeLoop() {
		while (!Thread.currentThread().isInterrupted()) {
			Duration pause = available() ? timings.upEvery() : timings.downEvery();
			try {
				boolean woken = wake.tryAcquire(pause.toMillis(), TimeUnit.MILLISECONDS);
				GuardedDataSource target = pool;
				if (target != null) {
					probeRound(target, woken);
				}
				// The probe's own broken connection woke it too, and it has looked
				// already.
				wake.drainPermits();
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (Throwable ex) {
				// Even an Error (a driver class that fails to load, memory) must not end
				// the probes: while the database is marked down only a probe can mark it
				// up again.
				logger.warn("database: probe failed ({})", LogFields.safe(String.valueOf(ex)));
			}
		}
	}

	/**
	 * The innermost message, which names what failed ("Connection to 127.0.0.1:5432
	 * refused"), on one line.
	 */
	private static String reason(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return message.lines().findFirst().orElse(message);
	}

	@Override
	public synchronized void start() {
		if (probe == null) {
			direct = new DirectConnectionCheck();
			probe = new Thread(this::probeLoop, "moonlight-database-probe");
			probe.setDaemon(true);
			probe.start();
		}
	}

	@Override
	public synchronized void stop() {
		if (probe != null) {
			probe.interrupt();
			probe = null;
			direct.close();
		}
	}

	@Override
	public boolean isRunning() {
		return probe != null;
	}

	/**
	 * Stops after the web server has drained (a lower phase stops later), while calls may
	 * still need the answer.
	 */
	@Override
	public int getPhase() {
		return 0;
	}

	/**
	 * How the probe looks at the database. With a silent network, a call that hangs on it
	 * is aborted at most {@code upEvery} + {@code answerWithin} (or +
	 * {@code borrowWithin}) after the silence began.
	 *
	 * @param upEvery the pause between probes while the database is up
	 * @param downEvery the pause between probes while it is down: how soon its return is
	 * noticed
	 * @param borrowWithin how long the probe waits for a pooled connection: HikariCP's
	 * validation of one idle connection (250 ms), and a pool that has none to give while
	 * its last attempt failed is one the database is gone from
	 * @param answerWithin how long the probe's round trip may take before the database
	 * counts as silent; far above a round trip on a working network, even a loaded one
	 */
	record Timings(Duration upEvery, Duration downEvery, Duration borrowWithin, Duration answerWithin) {

		static final Timings DEFAULT = new Timings(Duration.ofMillis(200), Duration.ofMillis(500),
				Duration.ofMillis(250), Duration.ofMillis(400));

	}

	/** HikariCP's line about the first pooled connection found broken, and when. */
	private record Broken(String line, Throwable cause, long atNanos) {
	}

}
