package dev.moonlight.jobs;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.moonlight.dispatch.Caller;
import dev.moonlight.dispatch.MoonlightJson;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jobs table on H2 in PostgreSQL mode, migrated by the framework's own Flyway: claims skip rows another
 * transaction holds instead of waiting ({@code FOR UPDATE SKIP LOCKED}), expired leases are freed, and a run whose
 * lease ran out cannot record its outcome over the run that took over.
 */
class JdbcJobStoreTests {

	private JdbcJobStore store;

	private TransactionTemplate transactions;

	@BeforeEach
	void database() {
		DataSource dataSource = dataSource();
		FrameworkSchema.migrate(dataSource, getClass().getClassLoader());
		transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
		store = new JdbcJobStore(dataSource, transactions,
				new JobRowMapper(MoonlightJson.create().mapper()), postgres());
	}

	/** A fresh database: H2 in memory here. */
	DataSource dataSource() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:jobs-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
		dataSource.setUser("sa");
		return dataSource;
	}

	boolean postgres() {
		return false;
	}

	@Test
	void aClaimSkipsTheJobsAnotherTransactionHoldsInsteadOfWaiting() throws Exception {
		for (int i = 0; i < 20; i++) {
			store.insert(job(i));
		}
		CountDownLatch claimed = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<List<Job>> holder = CompletableFuture.supplyAsync(() -> transactions.execute((status) -> {
			List<Job> jobs = store.claim("p", 5, "holder", Instant.now().plusSeconds(60), Instant.now());
			claimed.countDown();
			await(release);
			return jobs;
		}));
		assertThat(claimed.await(10, TimeUnit.SECONDS)).isTrue();
		long started = System.nanoTime();
		List<Job> other = store.claim("p", 10, "other", Instant.now().plusSeconds(60), Instant.now());
		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("did not wait for the held rows")
			.isLessThan(5_000);
		release.countDown();
		List<Job> held = holder.get(10, TimeUnit.SECONDS);
		Set<String> ids = new HashSet<>();
		held.forEach((job) -> ids.add(job.id()));
		other.forEach((job) -> assertThat(ids.add(job.id())).as("claimed twice: " + job.id()).isTrue());
		assertThat(held).hasSize(5);
		assertThat(other).hasSize(10).allSatisfy((job) -> assertThat(job.attempts()).isEqualTo(1));
		assertThat(other).extracting(Job::priority).as("by priority").isSorted();
	}

	@Test
	void aRunWhoseLeaseRanOutCannotRecordItsOutcomeOverTheNextRun() {
		store.insert(job(1));
		Instant now = Instant.now();
		Job first = store.claim("p", 1, "dead", now.minusSeconds(1), now).get(0);
		assertThat(store.reap("p", now)).as("the expired lease is freed").isEqualTo(1);
		Job second = store.claim("p", 1, "alive", now.plusSeconds(60), now).get(0);
		assertThat(second.attempts()).isEqualTo(2);
		assertThat(store.settle(first, Outcome.DONE, now)).as("the stale run's outcome is dropped").isFalse();
		assertThat(store.settle(second, Outcome.DONE, now)).isTrue();
		assertThat(store.find(second.id()).orElseThrow().status()).isEqualTo(JobStatus.DONE);
	}

	@Test
	void aJobOutOfAttemptsWhoseLeaseRanOutFails() {
		store.insert(job(1));
		Instant now = Instant.now();
		for (int attempt = 1; attempt <= 3; attempt++) {
			store.claim("p", 1, "dead", now.minusSeconds(1), now);
			store.reap("p", now);
		}
		Job job = store.list("p", null, 10).get(0);
		assertThat(job.status()).isEqualTo(JobStatus.FAILED);
		assertThat(job.lastError()).contains("lease ran out");
		assertThat(store.requeue("p", null, now)).containsExactly(job.id());
		assertThat(store.find(job.id()).orElseThrow().attempts()).isZero();
	}

	private static Job job(int n) {
		Instant now = Instant.now().minusSeconds(1);
		return new Job(UUID.randomUUID().toString(), "p", "v1", "work", "note",
				JsonNodeFactory.instance.objectNode().put("n", n), JobStatus.QUEUED, 20 - n, 0, 3, "alice",
				new Caller("alice", "Alice", Set.of("a"), java.util.Map.of("email", "alice@example.com")), null, now, now,
				null, null);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
