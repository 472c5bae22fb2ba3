package dev.moonlight.jobs;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.moonlight.database.FrameworkSchema;
import dev.moonlight.dispatch.Caller;
import dev.moonlight.dispatch.MoonlightJson;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A jdbc push inside a caller's transaction (a plain {@link TransactionTemplate}) belongs
 * to it: stored at its commit, gone with its rollback, and never mixed with the shared
 * batch that stores the pushes of callers without one. H2 in memory; a
 * {@link GatedDataSource} holds the batch's writer where a test wants it.
 */
class JdbcPipelineTransactionTests {

	private GatedDataSource dataSource;

	private TransactionTemplate transactions;

	private JdbcJobStore store;

	private JdbcPipeline pipeline;

	@BeforeEach
	void database() {
		JdbcDataSource h2 = new JdbcDataSource();
		h2.setURL("jdbc:h2:mem:jobs-tx-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
		h2.setUser("sa");
		dataSource = new GatedDataSource(h2);
		FrameworkSchema.migrate(dataSource, getClass().getClassLoader(), Optional.empty());
		transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
		store = new JdbcJobStore(dataSource, transactions, new JobRowMapper(MoonlightJson.create().mapper()), false);
		pipeline = new JdbcPipeline(PipelineSection.defaults("p", "jdbc"), store, Clock.systemUTC());
	}

	@Test
	void aJobPushedInATransactionIsStoredAtItsCommitAndNotAfterItsRollback() {
		Job dropped = job("dropped");
		transactions.executeWithoutResult((status) -> {
			pipeline.push(dropped);
			status.setRollbackOnly();
		});
		assertThat(store.find(dropped.id())).as("rolled back with its caller").isEmpty();
		Job kept = job("kept");
		transactions.executeWithoutResult((status) -> pipeline.push(kept));
		assertThat(pipeline.list(JobStatus.QUEUED, 10)).extracting(Job::id).containsExactly(kept.id());
	}

	/**
	 * The interleaving that mixed them: a writer without a transaction is storing its
	 * batch (held in {@code getConnection}) while a caller in a transaction and another
	 * without one push. Had the transactional job gathered with the other, whichever of
	 * them wrote that batch would be wrong: the transaction's owner would take the other
	 * job into its rollback, the other caller would commit the job the rollback dropped.
	 */
	@Test
	void otherCallersJobsSurviveATransactionalCallersRollback() throws InterruptedException {
		Job first = job("first");
		Job transactional = job("transactional");
		Job second = job("second");
		CountDownLatch pushed = new CountDownLatch(1);
		CountDownLatch rollback = new CountDownLatch(1);
		Thread writer = new Thread(() -> pipeline.push(first), "first");
		dataSource.hold(writer);
		writer.start();
		assertThat(dataSource.entered.await(30, TimeUnit.SECONDS)).as("the first batch is being written").isTrue();
		Thread owner = new Thread(() -> transactions.executeWithoutResult((status) -> {
			pipeline.push(transactional);
			pushed.countDown();
			awaitLatch(rollback);
			status.setRollbackOnly();
		}), "transactional");
		owner.start();
		awaitPushedOrWaiting(owner, pushed);
		Thread other = new Thread(() -> pipeline.push(second), "second");
		other.start();
		awaitPushedOrWaiting(other, null);
		dataSource.release.countDown();
		writer.join(30_000);
		other.join(30_000);
		assertThat(pushed.await(30, TimeUnit.SECONDS)).isTrue();
		rollback.countDown();
		owner.join(30_000);
		assertThat(pipeline.list(JobStatus.QUEUED, 10)).extracting(Job::id)
			.as("the callers without a transaction were told stored, and are; the rolled back job is not")
			.containsExactlyInAnyOrder(first.id(), second.id());
	}

	/** Until the thread's push returned, or it waits (for a batch, or for the test). */
	private static void awaitPushedOrWaiting(Thread thread, CountDownLatch pushed) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> (pushed != null && pushed.getCount() == 0) || !thread.isAlive()
					|| thread.getState() == Thread.State.WAITING);
	}

	private static Job job(String key) {
		Instant now = Instant.now().minusSeconds(1);
		return new Job(UUID.randomUUID().toString(), "p", "v1", "work", "note",
				JsonNodeFactory.instance.objectNode().put("key", key), JobStatus.QUEUED, 20, 0, 3, "alice",
				new Caller("alice", "Alice", Set.of(), Map.of()), null, now, now, null, null);
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Holds one thread's first connection until the test releases it. */
	private static final class GatedDataSource extends DelegatingDataSource {

		private final CountDownLatch entered = new CountDownLatch(1);

		private final CountDownLatch release = new CountDownLatch(1);

		private volatile Thread held;

		GatedDataSource(JdbcDataSource target) {
			super(target);
		}

		void hold(Thread thread) {
			this.held = thread;
		}

		@Override
		public Connection getConnection() throws SQLException {
			if (Thread.currentThread() == held) {
				held = null;
				entered.countDown();
				awaitLatch(release);
			}
			return super.getConnection();
		}

	}

}
