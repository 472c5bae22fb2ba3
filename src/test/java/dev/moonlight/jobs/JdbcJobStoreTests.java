package dev.moonlight.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
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

import dev.moonlight.database.FrameworkSchema;
import dev.moonlight.dispatch.Caller;
import dev.moonlight.dispatch.MoonlightJson;
import dev.moonlight.testing.MutableClock;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jobs table on H2 in PostgreSQL mode, migrated by the framework's own Flyway: claims
 * skip rows another transaction holds instead of waiting
 * ({@code FOR UPDATE SKIP LOCKED}), an attempt counts when a worker starts the job and
 * not when it is claimed, leases renewed by a live consumer hold and expired ones are
 * freed (as are the claims of a dead process of this machine, at once), and a run whose
 * lease ran out cannot record its outcome over the run that took over. Time is a
 * {@link MutableClock} where leases matter.
 */
class JdbcJobStoreTests {

	private JdbcJobStore store;

	private TransactionTemplate transactions;

	@BeforeEach
	void database() {
		DataSource dataSource = dataSource();
		FrameworkSchema.migrate(dataSource, getClass().getClassLoader(), Optional.empty());
		transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
		store = new JdbcJobStore(dataSource, transactions, new JobRowMapper(MoonlightJson.create().mapper()),
				postgres());
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
		assertThat(other).hasSize(10)
			.allSatisfy((job) -> assertThat(job.attempts()).as("claimed, not started").isZero());
		assertThat(other).extracting(Job::priority).as("by priority").isSorted();
	}

	@Test
	void aRunWhoseLeaseRanOutCannotRecordItsOutcomeOverTheNextRun() {
		store.insert(job(1));
		Instant now = Instant.now();
		Job first = started(store.claim("p", 1, "dead", now.minusSeconds(1), now).get(0), "dead", now.minusSeconds(1));
		assertThat(store.reap("p", now)).as("the expired lease is freed").isEqualTo(1);
		Job second = started(store.claim("p", 1, "alive", now.plusSeconds(60), now).get(0), "alive",
				now.plusSeconds(60));
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
			started(store.claim("p", 1, "dead", now.minusSeconds(1), now).get(0), "dead", now.minusSeconds(1));
			store.reap("p", now);
		}
		Job job = store.list("p", null, 10).get(0);
		assertThat(job.status()).isEqualTo(JobStatus.FAILED);
		assertThat(job.lastError()).contains("lease ran out");
		assertThat(store.requeue("p", null, now)).containsExactly(job.id());
		assertThat(store.find(job.id()).orElseThrow().attempts()).isZero();
	}

	/**
	 * Issue 13: a crash used to count the claims waiting in the dead consumer's buffer,
	 * and fail a job never run.
	 */
	@Test
	void aClaimCountsNoAttemptUntilAWorkerStartsTheJobSoADeadConsumersBufferLosesNone() {
		store.insert(job(1, 1));
		Instant now = Instant.now();
		Job claimed = store.claim("p", 1, "dead", now.minusSeconds(1), now).get(0);
		assertThat(store.find(claimed.id()).orElseThrow()).satisfies((row) -> {
			assertThat(row.status()).isEqualTo(JobStatus.RUNNING);
			assertThat(row.attempts()).as("claimed into a buffer, not started").isZero();
			assertThat(row.startedAt()).isNull();
		});
		assertThat(store.reap("p", now)).isEqualTo(1);
		Job freed = store.find(claimed.id()).orElseThrow();
		assertThat(freed.status()).as("its only attempt was never used").isEqualTo(JobStatus.QUEUED);
		assertThat(freed.attempts()).isZero();
		assertThat(freed.lastError()).as("nothing failed").isNull();
		Job run = started(store.claim("p", 1, "alive", now.plusSeconds(60), now).get(0), "alive", now.plusSeconds(60));
		assertThat(run.attempts()).isEqualTo(1);
		assertThat(store.find(run.id()).orElseThrow().startedAt()).isNotNull();
	}

	@Test
	void aClaimThatIsNoLongerTheConsumersDoesNotStart() {
		store.insert(job(1));
		Instant now = Instant.now();
		Job lost = store.claim("p", 1, "slow", now.minusSeconds(1), now).get(0);
		store.reap("p", now);
		Job taken = store.claim("p", 1, "other", now.plusSeconds(60), now).get(0);
		assertThat(starts(lost, "slow", now.plusSeconds(60), now)).as("freed and taken over").isFalse();
		assertThat(starts(taken, "other", now.plusSeconds(60), now)).isTrue();
		assertThat(starts(taken, "other", now.plusSeconds(60), now)).as("started once").isFalse();
		assertThat(store.find(taken.id()).orElseThrow().attempts()).isEqualTo(1);
		store.insert(job(2));
		store.insert(job(3));
		List<String> more = store.claim("p", 2, "other", now.plusSeconds(60), now).stream().map(Job::id).toList();
		List<String> together = List.of(more.get(0), taken.id(), more.get(1));
		assertThat(store.start(together, "other", now.plusSeconds(60), now))
			.as("workers starting together, one statement")
			.containsExactlyInAnyOrderElementsOf(more);
	}

	@Test
	void releasingHandsBackAClaimAsItWasAndAStartedRunWithoutItsAttempt() {
		store.insert(job(1));
		store.insert(job(2));
		Instant now = Instant.now();
		List<Job> claimed = store.claim("p", 2, "stopping", now.plusSeconds(60), now);
		Job running = started(claimed.get(0), "stopping", now.plusSeconds(60));
		assertThat(store.release(List.of(running, claimed.get(1)), "stopping")).isEqualTo(2);
		assertThat(claimed).allSatisfy((job) -> assertThat(store.find(job.id()).orElseThrow()).satisfies((row) -> {
			assertThat(row.status()).isEqualTo(JobStatus.QUEUED);
			assertThat(row.attempts()).isZero();
		}));
	}

	@Test
	void aLiveConsumersRenewedLeaseHoldsAndOneThatStopsRenewingRunsOut() {
		MutableClock clock = new MutableClock(Instant.now());
		JdbcPipeline pipeline = new JdbcPipeline(PipelineSection.defaults("p", "jdbc"), store, clock);
		assertThat(pipeline.heartbeat()).as("a third of the 10 s lease").isEqualTo(Duration.ofSeconds(10).dividedBy(3));
		store.insert(job(1));
		store.insert(job(2));
		List<Job> claimed = pipeline.claim(2, "alive");
		Job running = pipeline.start(claimed.get(0), "alive").orElseThrow();
		assertThat(running.attempts()).isEqualTo(1);
		for (int beat = 0; beat < 6; beat++) {
			clock.advance(pipeline.heartbeat());
			pipeline.renew("alive", claimed.stream().map(Job::id).toList());
			pipeline.reclaim();
		}
		assertThat(claimed).as("20 s later, renewed: running and prefetched claims held")
			.allSatisfy((job) -> assertThat(store.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING));
		clock.advance(Duration.ofSeconds(9));
		pipeline.reclaim();
		assertThat(store.find(running.id()).orElseThrow().status()).as("within the lease").isEqualTo(JobStatus.RUNNING);
		clock.advance(Duration.ofSeconds(2));
		pipeline.reclaim();
		assertThat(store.find(running.id()).orElseThrow()).satisfies((job) -> {
			assertThat(job.status()).as("no renewal for 11 s: freed").isEqualTo(JobStatus.QUEUED);
			assertThat(job.attempts()).as("its run started, so it counted").isEqualTo(1);
			assertThat(job.lastError()).contains("lease ran out");
		});
		assertThat(store.find(claimed.get(1).id()).orElseThrow()).satisfies((job) -> {
			assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
			assertThat(job.attempts()).as("never started").isZero();
		});
	}

	@Test
	void theClaimsOfADeadProcessOfThisMachineAreTakenBackAtOnceOthersWaitForTheirLease() throws Exception {
		MutableClock clock = new MutableClock(Instant.now());
		JdbcPipeline pipeline = new JdbcPipeline(PipelineSection.defaults("p", "jdbc"), store, clock);
		Process exited = new ProcessBuilder("true").start();
		exited.waitFor(30, TimeUnit.SECONDS);
		Process alive = new ProcessBuilder("sleep", "60").start();
		try {
			String dead = ConsumerIds.onThisMachine(exited.pid(), "0badf00d");
			String living = ConsumerIds.onThisMachine(alive.pid(), "0badf00d");
			String elsewhere = "other-host/12345678:" + exited.pid() + ":0badf00d";
			String sibling = ConsumerIds.onThisMachine(ProcessHandle.current().pid(), "0badf00d");
			List<String> consumers = List.of(dead, living, elsewhere, sibling);
			for (int i = 0; i < consumers.size(); i++) {
				store.insert(job(i));
				Job claimed = pipeline.claim(1, consumers.get(i)).get(0);
				pipeline.start(claimed, consumers.get(i)).orElseThrow();
			}
			assertThat(ConsumerIds.goneFromThisMachine(dead)).isTrue();
			pipeline.reclaim();
			assertThat(store.holders("p")).as("only the dead process's claim is taken back, within its lease")
				.containsExactlyInAnyOrder(living, elsewhere, sibling);
			assertThat(store.list("p", JobStatus.QUEUED, 10)).singleElement().satisfies((job) -> {
				assertThat(job.attempts()).isEqualTo(1);
				assertThat(job.lastError()).contains("taken back");
			});
		}
		finally {
			alive.destroyForcibly();
		}
	}

	private boolean starts(Job claimed, String consumer, Instant leaseUntil, Instant now) {
		return store.start(List.of(claimed.id()), consumer, leaseUntil, now).contains(claimed.id());
	}

	private Job started(Job claimed, String consumer, Instant leaseUntil) {
		assertThat(starts(claimed, consumer, leaseUntil, Instant.now())).isTrue();
		return claimed.started(Instant.now());
	}

	private static Job job(int n) {
		return job(n, 3);
	}

	private static Job job(int n, int maxAttempts) {
		Instant now = Instant.now().minusSeconds(1);
		return new Job(UUID.randomUUID().toString(), "p", "v1", "work", "note",
				JsonNodeFactory.instance.objectNode().put("n", n), JobStatus.QUEUED, 20 - n, 0, maxAttempts, "alice",
				new Caller("alice", "Alice", Set.of("a"), java.util.Map.of("email", "alice@example.com")), null, now,
				now, null, null);
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
