package dev.moonlight.jobs;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code moonlight_jobs.published_at} of amqp pipelines: set once RabbitMQ confirmed a
 * job's message, so the queued jobs it is still NULL for long after they were due are
 * those whose message never left (a broker down at the commit, a process that died
 * between commit and publish). Each mark commits on its own: it is written after a
 * caller's commit, whose connection may still be bound to the thread and would never
 * commit again.
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

	/** RabbitMQ confirmed the message of job {@code id}. */
	void confirmed(String id, Instant now) {
		separate.executeWithoutResult((status) -> jdbc
			.sql("UPDATE moonlight_jobs SET published_at = :now WHERE id = :id AND published_at IS NULL")
			.param("now", JdbcJobStore.time(now))
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
					+ " AND published_at IS NULL AND available_at <= :cutoff ORDER BY available_at, id LIMIT :limit")
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
					+ " AND published_at IS NULL AND available_at <= :cutoff")
			.param("now", JdbcJobStore.time(now))
			.param("id", id)
			.param("cutoff", JdbcJobStore.time(cutoff))
			.update()) == 1;
	}

}
