package dev.moonlight.jobs;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code moonlight_jobs} table: the queue of jdbc pipelines and the job ledger of
 * amqp ones. The claim is {@code SELECT ... FOR UPDATE SKIP LOCKED} in a transaction, so
 * consumers in several processes take different jobs without waiting for each other.
 * PostgreSQL claims a whole batch in one statement ({@code UPDATE ... RETURNING}). H2
 * (2.4) answers no rows at all to {@code ORDER BY ... LIMIT ... FOR UPDATE SKIP LOCKED}
 * while another transaction holds some of them, so there the claim reads the next
 * candidates first and then locks those it can, re-checking that they are still queued. A
 * claim holds a job for its consumer until {@code lease_until}; the attempt counts only
 * when a worker starts the job ({@code started_at} is set then, and is NULL while the
 * claim waits in the consumer's buffer), so a job whose consumer died before starting it
 * is queued again as it was. Every change to a running job names the attempt it belongs
 * to, so a consumer whose lease ran out cannot overwrite the outcome of the one that took
 * over.
 * <p>
 * The hot statements (insert, claim, outcome) are batched and bind every parameter with
 * its SQL type. On PostgreSQL, claims and outcomes commit with {@code synchronous_commit}
 * off: a database crash may forget the last moments of them, which puts those jobs back
 * to running or queued, and at-least-once delivery already allows for a job that runs
 * again. An insert stays a synchronous commit, because the caller was promised the job is
 * stored.
 */
final class JdbcJobStore {

	private static final String COLUMNS = JobRowMapper.INSERT_COLUMNS;

	/**
	 * How many candidates the two-step claim reads per job it wants, so that jobs held by
	 * others leave enough.
	 */
	private static final int CANDIDATES_PER_JOB = 4;

	private static final String DUE = " WHERE pipeline = ? AND status = 'queued' AND available_at <= ?";

	private static final String ORDER = " ORDER BY priority, available_at, id";

	private static final Comparator<Job> CLAIM_ORDER = Comparator.comparingInt(Job::priority)
		.thenComparing(Job::availableAt)
		.thenComparing(Job::id);

	/**
	 * What a claim sets, with named parameters ({@code consumer}, {@code lease}, in that
	 * order): not started yet.
	 */
	private static final String CLAIMED_AS = "status = 'running', claimed_by = :consumer, lease_until = :lease,"
			+ " started_at = NULL, finished_at = NULL";

	/** The same with positional parameters, for the statements bound by hand. */
	private static final String CLAIMED = CLAIMED_AS.replaceAll(":[a-z]+", "?");

	/**
	 * A claim whose run starts at once ({@code now}, after {@code consumer} and
	 * {@code lease}), as a broker's delivery.
	 */
	private static final String STARTED_AS = "status = 'running', attempts = attempts + 1, claimed_by = :consumer,"
			+ " lease_until = :lease, started_at = :now, finished_at = NULL";

	/**
	 * What a claim that never started goes back to, and what one that started does when
	 * its consumer is gone.
	 */
	private static final String FREED_AS = "status = CASE WHEN started_at IS NOT NULL AND attempts >= max_attempts"
			+ " THEN 'failed' ELSE 'queued' END, finished_at = CASE WHEN started_at IS NOT NULL AND attempts >= max_attempts"
			+ " THEN :now ELSE NULL END, last_error = CASE WHEN started_at IS NOT NULL THEN :error ELSE last_error END,"
			+ " claimed_by = NULL, lease_until = NULL";

	/**
	 * What a worker's start of a claimed run sets ({@code now}, {@code lease}): the
	 * attempt counts from here.
	 */
	private static final String STARTED_RUN = "attempts = attempts + 1, started_at = :now, lease_until = :lease";

	/**
	 * How many ids one renewal statement names, so the statement stays small whatever the
	 * prefetch.
	 */
	private static final int IDS_PER_STATEMENT = 500;

	private static final String INSERT = "INSERT INTO moonlight_jobs (" + COLUMNS
			+ ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private static final String ASYNC_COMMIT = "SET LOCAL synchronous_commit TO OFF";

	/**
	 * The columns qualified by the table, for {@code UPDATE ... FROM}, whose other table
	 * also has an id.
	 */
	private static final String QUALIFIED = "moonlight_jobs." + COLUMNS.replace(", ", ", moonlight_jobs.");

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final TransactionTemplate transactions;

	private final JobRowMapper rows;

	private final boolean postgres;

	/**
	 * {@code postgres}: claim in one statement and commit bookkeeping asynchronously
	 * (PostgreSQL), not as on H2.
	 */
	JdbcJobStore(DataSource dataSource, TransactionTemplate transactions, JobRowMapper rows, boolean postgres) {
		this.dataSource = dataSource;
		this.jdbc = JdbcClient.create(dataSource);
		this.template = new JdbcTemplate(dataSource);
		this.transactions = transactions;
		this.rows = rows;
		this.postgres = postgres;
	}

	/**
	 * Whether the calling thread has a transaction on this database, which a plain
	 * statement here joins.
	 */
	boolean inTransaction() {
		return TransactionSynchronizationManager.hasResource(dataSource);
	}

	void insert(Job job) {
		template.update(INSERT, (PreparedStatement ps) -> rows.bind(ps, job));
	}

	/**
	 * Inserts several jobs in one transaction: one commit for all of them. Only for a
	 * thread without a transaction on this database, which it would join.
	 */
	void insertAll(List<Job> jobs) {
		if (jobs.size() == 1) {
			insert(jobs.get(0));
			return;
		}
		transactions.executeWithoutResult((status) -> template.batchUpdate(INSERT, jobs, jobs.size(), rows::bind));
	}

	/**
	 * Claims up to {@code max} due jobs of the pipeline for {@code consumer} until
	 * {@code leaseUntil}.
	 */
	List<Job> claim(String pipeline, int max, String consumer, Instant leaseUntil, Instant now) {
		return transactions.execute((status) -> postgres ? claimInOneStatement(pipeline, max, consumer, leaseUntil, now)
				: claimInTwoSteps(pipeline, max, consumer, leaseUntil, now));
	}

	private List<Job> claimInOneStatement(String pipeline, int max, String consumer, Instant leaseUntil, Instant now) {
		asyncCommit();
		List<Job> claimed = new ArrayList<>(template.query(
				"WITH next AS (SELECT id FROM moonlight_jobs" + DUE + ORDER
						+ " LIMIT ? FOR UPDATE SKIP LOCKED) UPDATE moonlight_jobs SET " + CLAIMED
						+ " FROM next WHERE moonlight_jobs.id = next.id RETURNING " + QUALIFIED,
				(PreparedStatement ps) -> {
					ps.setString(1, pipeline);
					ps.setObject(2, time(now));
					ps.setInt(3, max);
					ps.setString(4, consumer);
					ps.setObject(5, time(leaseUntil));
				}, rows));
		// RETURNING gives the rows in no particular order; they run in claim order.
		claimed.sort(CLAIM_ORDER);
		return claimed;
	}

	private List<Job> claimInTwoSteps(String pipeline, int max, String consumer, Instant leaseUntil, Instant now) {
		List<String> candidates = template.query("SELECT id FROM moonlight_jobs" + DUE + ORDER + " LIMIT ?",
				(PreparedStatement ps) -> {
					ps.setString(1, pipeline);
					ps.setObject(2, time(now));
					ps.setInt(3, max * CANDIDATES_PER_JOB);
				}, (rs, row) -> rs.getString(1));
		// In claim order, as many at a time as are still wanted: locking every candidate
		// at once would hold the ones not taken until the commit.
		List<Job> locked = new ArrayList<>(max);
		for (int next = 0; next < candidates.size() && locked.size() < max;) {
			List<String> chunk = candidates.subList(next, Math.min(candidates.size(), next + max - locked.size()));
			next += chunk.size();
			locked.addAll(jdbc
				.sql("SELECT " + COLUMNS + " FROM moonlight_jobs WHERE id IN (:ids) AND status = 'queued'"
						+ " AND available_at <= :now FOR UPDATE SKIP LOCKED")
				.param("ids", chunk)
				.param("now", time(now))
				.query(rows)
				.list());
		}
		if (locked.isEmpty()) {
			return locked;
		}
		jdbc.sql("UPDATE moonlight_jobs SET " + CLAIMED_AS + " WHERE id IN (:ids)")
			.param("consumer", consumer)
			.param("lease", time(leaseUntil))
			.param("ids", locked.stream().map(Job::id).toList())
			.update();
		locked.sort(CLAIM_ORDER);
		return locked.stream().map(Job::claimed).toList();
	}

	/**
	 * Claims one job by id, as a broker delivers it: a queued job, or a running one whose
	 * consumer died before acknowledging it. Empty for a job that is done, failed or
	 * unknown (a duplicate delivery), and for a running job when the message is not a
	 * redelivery: a second message (the sweep's, for a publish whose mark was lost) must
	 * not run a job its first message is running.
	 * @param redelivered whether the broker delivered this message before (its consumer
	 * went away without acknowledging it)
	 */
	Optional<Job> claimById(String id, boolean redelivered, String consumer, Instant leaseUntil, Instant now) {
		return transactions.execute((status) -> {
			Optional<Job> found = jdbc
				.sql("SELECT " + COLUMNS + " FROM moonlight_jobs WHERE id = :id"
						+ " AND status IN ('queued', 'running') FOR UPDATE")
				.param("id", id)
				.query(rows)
				.optional()
				.filter((job) -> redelivered || job.status() != JobStatus.RUNNING);
			// A delivered job had a message, marked or not: never one for the sweep.
			found.ifPresent((job) -> jdbc
				.sql("UPDATE moonlight_jobs SET " + STARTED_AS + ", publish_pending = FALSE" + " WHERE id = :id")
				.param("consumer", consumer)
				.param("lease", time(leaseUntil))
				.param("now", time(now))
				.param("id", id)
				.update());
			return found.map((job) -> job.claimed().started(now));
		});
	}

	/**
	 * Starts the runs of jobs {@code consumer} claimed: their attempt counts from here.
	 * Answers the ids started; one missing is no longer the consumer's claim (its lease
	 * ran out and the job was freed or taken over, or it started already), and must not
	 * run. One statement however many: the workers that start jobs at the same moment
	 * share it.
	 */
	Set<String> start(List<String> ids, String consumer, Instant leaseUntil, Instant now) {
		String update = "UPDATE moonlight_jobs SET " + STARTED_RUN + (postgres ? " FROM async" : "")
				+ " WHERE id IN (:ids) AND claimed_by = :consumer AND status = 'running' AND started_at IS NULL";
		// PostgreSQL turns synchronous_commit off for this statement's own transaction
		// (set_config, local), as the bookkeeping's SET LOCAL does in a transaction of
		// several statements; H2 answers the rows it changed from FINAL TABLE, as
		// PostgreSQL does from RETURNING.
		String sql = postgres ? "WITH async AS (SELECT set_config('synchronous_commit', 'off', true)) " + update
				+ " RETURNING moonlight_jobs.id" : "SELECT id FROM FINAL TABLE (" + update + ")";
		return new HashSet<>(jdbc.sql(sql)
			.param("now", time(now))
			.param("lease", time(leaseUntil))
			.param("ids", ids)
			.param("consumer", consumer)
			.query(String.class)
			.list());
	}

	/**
	 * Records the outcome of the run {@code ran} (as claimed); false when that claim had
	 * already been taken over.
	 */
	boolean settle(Job ran, Outcome outcome, Instant now) {
		return settleAll(List.of(new PullQueue.Finished(ran, outcome)), now).isEmpty();
	}

	/**
	 * Records several outcomes in one transaction; answers the runs whose claim had
	 * already been taken over (their outcome is dropped).
	 */
	List<PullQueue.Finished> settleAll(List<PullQueue.Finished> runs, Instant now) {
		int[][] counts = transactions.execute((status) -> {
			asyncCommit();
			return template.batchUpdate("UPDATE moonlight_jobs SET status = ?, last_error = ?, available_at = ?,"
					+ " finished_at = ?, claimed_by = NULL, lease_until = NULL"
					+ " WHERE id = ? AND status = 'running' AND attempts = ?", runs, runs.size(), (ps, run) -> {
						Job next = run.outcome().applyTo(run.job(), now);
						ps.setString(1, next.status().wire());
						JobRowMapper.text(ps, 2, next.lastError());
						JobRowMapper.time(ps, 3, next.availableAt());
						JobRowMapper.time(ps, 4, next.finishedAt());
						ps.setString(5, run.job().id());
						ps.setInt(6, run.job().attempts());
					});
		});
		List<PullQueue.Finished> dropped = new ArrayList<>();
		int i = 0;
		for (int[] batch : counts) {
			for (int count : batch) {
				// Some drivers only say a statement of the batch succeeded, not how many
				// rows it changed.
				if (count == 0) {
					dropped.add(runs.get(i));
				}
				i++;
			}
		}
		return dropped;
	}

	/**
	 * Hands back jobs {@code consumer} holds: queued again, as they were before the
	 * claim. A job that had started (a shutdown that stopped waiting for it) gives its
	 * attempt back too.
	 */
	int release(List<Job> jobs, String consumer) {
		return jdbc
			.sql("UPDATE moonlight_jobs SET status = 'queued', attempts = CASE WHEN started_at IS NULL THEN attempts"
					+ " ELSE attempts - 1 END, claimed_by = NULL, lease_until = NULL"
					+ " WHERE id IN (:ids) AND claimed_by = :consumer AND status = 'running'")
			.param("ids", jobs.stream().map(Job::id).toList())
			.param("consumer", consumer)
			.update();
	}

	/**
	 * Extends the lease of the jobs {@code ids} that {@code consumer} still holds;
	 * answers how many it holds.
	 */
	int renew(String consumer, List<String> ids, Instant leaseUntil) {
		int renewed = 0;
		for (int from = 0; from < ids.size(); from += IDS_PER_STATEMENT) {
			renewed += jdbc
				.sql("UPDATE moonlight_jobs SET lease_until = :lease WHERE id IN (:ids)"
						+ " AND claimed_by = :consumer AND status = 'running'")
				.param("lease", time(leaseUntil))
				.param("ids", ids.subList(from, Math.min(ids.size(), from + IDS_PER_STATEMENT)))
				.param("consumer", consumer)
				.update();
		}
		return renewed;
	}

	/** One round trip to the database the jobs are in; fails as a renewal would. */
	void ping() {
		jdbc.sql("SELECT 1").query(Integer.class).single();
	}

	/**
	 * Frees the jobs whose lease ran out: their consumer died (or lost the database for
	 * longer than the lease). One it never started is queued as it was; one it started is
	 * queued again, or failed when that was its last attempt.
	 */
	int reap(String pipeline, Instant now) {
		return jdbc
			.sql("UPDATE moonlight_jobs SET " + FREED_AS
					+ " WHERE pipeline = :pipeline AND status = 'running' AND lease_until < :now")
			.param("now", time(now))
			.param("error", "The consumer running the job stopped before it finished (its lease ran out)")
			.param("pipeline", pipeline)
			.update();
	}

	/** The consumers holding running jobs of the pipeline. */
	List<String> holders(String pipeline) {
		return jdbc
			.sql("SELECT DISTINCT claimed_by FROM moonlight_jobs WHERE pipeline = :pipeline AND status = 'running'"
					+ " AND claimed_by IS NOT NULL")
			.param("pipeline", pipeline)
			.query(String.class)
			.list();
	}

	/**
	 * Frees the jobs of {@code consumers}, known to be gone, as {@link #reap} frees those
	 * of an expired lease.
	 */
	int takeBack(String pipeline, List<String> consumers, Instant now) {
		return jdbc
			.sql("UPDATE moonlight_jobs SET " + FREED_AS
					+ " WHERE pipeline = :pipeline AND status = 'running' AND claimed_by IN (:consumers)")
			.param("now", time(now))
			.param("error", "The process running the job stopped before it finished (taken back on its machine)")
			.param("pipeline", pipeline)
			.param("consumers", consumers)
			.update();
	}

	Optional<Job> find(String id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM moonlight_jobs WHERE id = :id")
			.param("id", id)
			.query(rows)
			.optional();
	}

	/** The newest jobs of the pipeline, of one status or ({@code null}) of any. */
	List<Job> list(String pipeline, JobStatus status, int limit) {
		String where = (status != null) ? " AND status = :status" : "";
		JdbcClient.StatementSpec query = jdbc
			.sql("SELECT " + COLUMNS + " FROM moonlight_jobs WHERE pipeline = :pipeline" + where
					+ " ORDER BY created_at DESC, id LIMIT :limit")
			.param("pipeline", pipeline)
			.param("limit", limit);
		return ((status != null) ? query.param("status", status.wire()) : query).query(rows).list();
	}

	Map<JobStatus, Long> counts(String pipeline) {
		Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
		jdbc.sql("SELECT status, COUNT(*) AS jobs FROM moonlight_jobs WHERE pipeline = :pipeline GROUP BY status")
			.param("pipeline", pipeline)
			.query((rs, row) -> counts.put(JobStatus.of(rs.getString("status")), rs.getLong("jobs")))
			.list();
		return counts;
	}

	/**
	 * Queues failed jobs again with a fresh set of attempts: one by id, or ({@code null})
	 * all of the pipeline's.
	 */
	List<String> requeue(String pipeline, String id, Instant now) {
		return transactions.execute((status) -> {
			String where = (id != null) ? " AND id = :id" : "";
			JdbcClient.StatementSpec select = jdbc
				.sql("SELECT id FROM moonlight_jobs WHERE pipeline = :pipeline" + " AND status = 'failed'" + where
						+ " FOR UPDATE")
				.param("pipeline", pipeline);
			List<String> ids = ((id != null) ? select.param("id", id) : select).query(String.class).list();
			if (!ids.isEmpty()) {
				jdbc.sql("UPDATE moonlight_jobs SET status = 'queued', attempts = 0, available_at = :now,"
						+ " finished_at = NULL, publish_pending = TRUE WHERE id IN (:ids)")
					.param("now", time(now))
					.param("ids", ids)
					.update();
			}
			return ids;
		});
	}

	/** The marks of confirmed publishes, for amqp pipelines. */
	PublishMarks publishMarks() {
		return new PublishMarks(jdbc, transactions);
	}

	void delete(String id) {
		jdbc.sql("DELETE FROM moonlight_jobs WHERE id = :id").param("id", id).update();
	}

	static OffsetDateTime time(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	/** Inside the current transaction only; PostgreSQL alone has the setting. */
	private void asyncCommit() {
		if (postgres) {
			template.execute(ASYNC_COMMIT);
		}
	}

}
