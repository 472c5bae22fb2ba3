package dev.moonlight.jobs;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code moonlight_jobs.publish_pending} of amqp pipelines: set with a row that commits
 * before its message is published, cleared once RabbitMQ confirmed the message (or a
 * consumer received it), so the queued jobs still pending long after they were due are
 * those whose message never left (a broker down at the commit, a process that died
 * between commit and publish). A clear commits on its own: it is written after a caller's
 * commit, whose connection may still be bound to the thread and would never commit again.
 */
final class PublishMarks {

	/** A queued job whose message is to be published again. */
	record Unconfirmed(String id, int priority) {
	}

	private final JdbcClient jdbc;

	private final TransactionTemplate separate;

	PublishMarks(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.separate = new TransactionTemplate(transactions.getTransactionManager());
		this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Job {@code id}'s message is to be published after its row commits: in the caller's
	 * transaction, or on its own when there is none.
	 */
	void pending(String id) {
		jdbc.sql("UPDATE moonlight_jobs SET publish_pending = TRUE WHERE id = :id").param("id", id).update();
	}

	/** RabbitMQ confirmed the message of job {@code id}. */
	void confirmed(String id) {
		separate.executeWithoutResult((status) -> jdbc
			.sql("UPDATE moonlight_jobs SET publish_pending = FALSE WHERE id = :id AND publish_pending")
			.param("id", id)
			.update());
	}

	/**
	 * Up to {@code limit} queued jobs of the pipeline, due before {@code cutoff}, whose
	 * message was never confirmed.
	 */
	List<Unconfirmed> unconfirmed(String pipeline, Instant cutoff, int limit) {
		return jdbc
			.sql("SELECT id, priority FROM moonlight_jobs WHERE pipeline = :pipeline AND status = 'queued'"
					+ " AND publish_pending AND available_at <= :cutoff ORDER BY available_at, id LIMIT :limit")
			.param("pipeline", pipeline)
			.param("cutoff", JdbcJobStore.time(cutoff))
			.param("limit", limit)
			.query((rs, row) -> new Unconfirmed(rs.getString(1), rs.getInt(2)))
			.list();
	}

	/**
	 * Takes the republishing of one such job for this process: its {@code available_at}
	 * moves to {@code now}, so another process's sweep (and this one's, should the
	 * publish fail) leaves it alone until it is overdue again. False when another process
	 * took it first, or its message was confirmed meanwhile.
	 */
	boolean take(String id, Instant cutoff, Instant now) {
		return separate.execute((status) -> jdbc
			.sql("UPDATE moonlight_jobs SET available_at = :now WHERE id = :id AND status = 'queued'"
					+ " AND publish_pending AND available_at <= :cutoff")
			.param("now", JdbcJobStore.time(now))
			.param("id", id)
			.param("cutoff", JdbcJobStore.time(cutoff))
			.update()) == 1;
	}

}
