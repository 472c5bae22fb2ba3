package dev.moonlight.jobs;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code moonlight_jobs} table: the queue of jdbc pipelines and the job ledger of amqp ones. The claim is
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} in a transaction, so consumers in several processes take different jobs
 * without waiting for each other. PostgreSQL takes the ordered claim in one statement. H2 (2.4) answers no rows at all
 * to {@code ORDER BY ... LIMIT ... FOR UPDATE SKIP LOCKED} while another transaction holds some of them, so there the
 * claim reads the next candidates first and then locks those it can, re-checking that they are still queued. Every
 * change to a running job names the attempt it belongs to, so a consumer whose lease ran out cannot overwrite the
 * outcome of the one that took over.
 */
final class JdbcJobStore {

	private static final String COLUMNS = "id, pipeline, version, service, action, payload, status, priority, attempts,"
			+ " max_attempts, created_by, run_as, last_error, created_at, available_at, started_at, finished_at";

	/** How many candidates the two-step claim reads per job it wants, so that jobs held by others leave enough. */
	private static final int CANDIDATES_PER_JOB = 4;

	private static final String DUE = " WHERE pipeline = :pipeline AND status = 'queued' AND available_at <= :now";

	private static final String ORDER = " ORDER BY priority, available_at, id";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final JobRowMapper rows;

	private final boolean orderedSkipLocked;

	/** {@code orderedSkipLocked}: the database claims in order in one statement (PostgreSQL), not in two (H2). */
	JdbcJobStore(JdbcClient jdbc, TransactionTemplate transactions, JobRowMapper rows, boolean orderedSkipLocked) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.rows = rows;
		this.orderedSkipLocked = orderedSkipLocked;
	}

	void insert(Job job) {
		jdbc.sql("INSERT INTO moonlight_jobs (" + COLUMNS + ") VALUES (:id, :pipeline, :version, :service, :action,"
				+ " :payload, :status, :priority, :attempts, :maxAttempts, :createdBy, :runAs, :lastError, :createdAt,"
				+ " :availableAt, :startedAt, :finishedAt)")
			.paramSource(rows.parameters(job))
			.update();
	}

	/** Claims up to {@code max} due jobs of the pipeline for {@code consumer} until {@code leaseUntil}. */
	List<Job> claim(String pipeline, int max, String consumer, Instant leaseUntil, Instant now) {
		return transactions.execute((status) -> {
			List<Job> due = orderedSkipLocked ? lockNext(pipeline, max, now) : lockCandidates(pipeline, max, now);
			if (due.isEmpty()) {
				return due;
			}
			jdbc.sql("UPDATE moonlight_jobs SET status = 'running', attempts = attempts + 1, claimed_by = :consumer,"
					+ " lease_until = :lease, started_at = :now, finished_at = NULL WHERE id IN (:ids)")
				.param("consumer", consumer)
				.param("lease", time(leaseUntil))
				.param("now", time(now))
				.param("ids", due.stream().map(Job::id).toList())
				.update();
			return due.stream().map((job) -> job.claimed(now)).toList();
		});
	}

	private List<Job> lockNext(String pipeline, int max, Instant now) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM moonlight_jobs" + DUE + ORDER + " LIMIT :max FOR UPDATE SKIP LOCKED")
			.param("pipeline", pipeline)
			.param("now", time(now))
			.param("max", max)
			.query(rows)
			.list();
	}

	private List<Job> lockCandidates(String pipeline, int max, Instant now) {
		List<String> candidates = jdbc.sql("SELECT id FROM moonlight_jobs" + DUE + ORDER + " LIMIT :max")
			.param("pipeline", pipeline)
			.param("now", time(now))
			.param("max", max * CANDIDATES_PER_JOB)
			.query(String.class)
			.list();
		if (candidates.isEmpty()) {
			return List.of();
		}
		// One by one, in claim order: locking them all at once would hold the ones not taken until the commit.
		List<Job> locked = new ArrayList<>(max);
		for (int i = 0; i < candidates.size() && locked.size() < max; i++) {
			jdbc.sql("SELECT " + COLUMNS + " FROM moonlight_jobs" + DUE + " AND id = :id FOR UPDATE SKIP LOCKED")
				.param("pipeline", pipeline)
				.param("now", time(now))
				.param("id", candidates.get(i))
				.query(rows)
				.optional()
				.ifPresent(locked::add);
		}
		return locked;
	}

	/**
	 * Claims one job by id, as a broker delivers it: a queued job, or a running one whose consumer died before
	 * acknowledging it. Empty for a job that is done, failed or unknown (a duplicate delivery).
	 */
	Optional<Job> claimById(String id, String consumer, Instant leaseUntil, Instant now) {
		return transactions.execute((status) -> {
			Optional<Job> found = jdbc.sql("SELECT " + COLUMNS + " FROM moonlight_jobs WHERE id = :id"
					+ " AND status IN ('queued', 'running') FOR UPDATE")
				.param("id", id)
				.query(rows)
				.optional();
			found.ifPresent((job) -> jdbc.sql("UPDATE moonlight_jobs SET status = 'running', attempts = attempts + 1,"
					+ " claimed_by = :consumer, lease_until = :lease, started_at = :now, finished_at = NULL WHERE id = :id")
				.param("consumer", consumer)
				.param("lease", time(leaseUntil))
				.param("now", time(now))
				.param("id", id)
				.update());
			return found.map((job) -> job.claimed(now));
		});
	}

	/** Records the outcome of the run {@code ran} (as claimed); false when that claim had already been taken over. */
	boolean settle(Job ran, Outcome outcome, Instant now) {
		Job next = outcome.applyTo(ran, now);
		return jdbc.sql("UPDATE moonlight_jobs SET status = :status, last_error = :error, available_at = :available,"
				+ " finished_at = :finished, claimed_by = NULL, lease_until = NULL"
				+ " WHERE id = :id AND status = 'running' AND attempts = :attempts")
			.param("status", next.status().wire())
			.param("error", next.lastError())
			.param("available", time(next.availableAt()))
			.param("finished", time(next.finishedAt()))
			.param("id", ran.id())
			.param("attempts", ran.attempts())
			.update() == 1;
	}

	/** Extends the lease of every job {@code consumer} is running. */
	int renew(String consumer, Instant leaseUntil) {
		return jdbc.sql("UPDATE moonlight_jobs SET lease_until = :lease WHERE claimed_by = :consumer AND status = 'running'")
			.param("lease", time(leaseUntil))
			.param("consumer", consumer)
			.update();
	}

	/** Queues again (or fails, when out of attempts) the running jobs whose lease ran out: their consumer died. */
	int reap(String pipeline, Instant now) {
		return jdbc.sql("UPDATE moonlight_jobs SET status = CASE WHEN attempts >= max_attempts THEN 'failed'"
				+ " ELSE 'queued' END, finished_at = CASE WHEN attempts >= max_attempts THEN :now ELSE NULL END,"
				+ " last_error = :error, claimed_by = NULL, lease_until = NULL"
				+ " WHERE pipeline = :pipeline AND status = 'running' AND lease_until < :now")
			.param("now", time(now))
			.param("error", "The consumer running the job stopped before it finished (its lease ran out)")
			.param("pipeline", pipeline)
			.update();
	}

	Optional<Job> find(String id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM moonlight_jobs WHERE id = :id").param("id", id).query(rows).optional();
	}

	/** The newest jobs of the pipeline, of one status or ({@code null}) of any. */
	List<Job> list(String pipeline, JobStatus status, int limit) {
		String where = (status != null) ? " AND status = :status" : "";
		JdbcClient.StatementSpec query = jdbc.sql("SELECT " + COLUMNS + " FROM moonlight_jobs WHERE pipeline = :pipeline"
				+ where + " ORDER BY created_at DESC, id LIMIT :limit")
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

	/** Queues failed jobs again with a fresh set of attempts: one by id, or ({@code null}) all of the pipeline's. */
	List<String> requeue(String pipeline, String id, Instant now) {
		return transactions.execute((status) -> {
			String where = (id != null) ? " AND id = :id" : "";
			JdbcClient.StatementSpec select = jdbc.sql("SELECT id FROM moonlight_jobs WHERE pipeline = :pipeline"
					+ " AND status = 'failed'" + where + " FOR UPDATE").param("pipeline", pipeline);
			List<String> ids = ((id != null) ? select.param("id", id) : select).query(String.class).list();
			if (!ids.isEmpty()) {
				jdbc.sql("UPDATE moonlight_jobs SET status = 'queued', attempts = 0, available_at = :now,"
						+ " finished_at = NULL WHERE id IN (:ids)")
					.param("now", time(now))
					.param("ids", ids)
					.update();
			}
			return ids;
		});
	}

	void delete(String id) {
		jdbc.sql("DELETE FROM moonlight_jobs WHERE id = :id").param("id", id).update();
	}

	static OffsetDateTime time(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

}
