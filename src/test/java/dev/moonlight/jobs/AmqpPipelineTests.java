package dev.moonlight.jobs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pipeline contract on the amqp driver: the machine's RabbitMQ (127.0.0.1:5672,
 * guest/guest), a queue of its own deleted afterwards (with its dead-letter queue), and
 * the job ledger in the embedded H2 database. Part of the services suite; it fails, never
 * skips, when RabbitMQ is not there.
 */
@Tag("services")
class AmqpPipelineTests extends PipelineContract {

	private final String queue = "moonlight.jobs.test."
			+ Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);

	@Override
	RunningApp start() {
		return JobsTestApp.builder("broker", "amqp", queue, 1).start();
	}

	@Override
	String pipeline() {
		return "broker";
	}

	@Test
	void aFailedJobIsDeadLetteredAndTheQueuesAreDurable() {
		JobsCalls calls = new JobsCalls(app());
		String id = calls.enqueueNote("alice", "\"key\":\"doomed\",\"fail_times\":9", "");
		calls.awaitStatus(id, "failed");
		try (Broker broker = new Broker()) {
			await().untilAsserted(() -> assertThat(broker.admin().getQueueInfo(queue + ".dead").getMessageCount())
				.as("the failed job's message went through the dead-letter exchange")
				.isGreaterThanOrEqualTo(1));
			QueueInformation main = broker.admin().getQueueInfo(queue);
			assertThat(main).isNotNull();
			assertThat(broker.admin().getQueueProperties(queue)).isNotNull();
		}
	}

	/**
	 * With the consumers stopped (paused), the queue shows what was published: inside a
	 * transaction nothing, on a rollback neither a message nor a row, at a commit the
	 * job, which then runs once. The checks take a message (basic.get): the queue's count
	 * lags behind a confirmed publish.
	 */
	@Test
	void aJobQueuedInATransactionIsPublishedAtCommitAndNotAtAllOnRollback() {
		TransactionTemplate transactions = new TransactionTemplate(
				new JdbcTransactionManager(app().bean(DataSource.class)));
		Jobs jobs = app().bean(Jobs.class);
		JobControl control = app().bean(JobControl.class);
		control.pause(pipeline());
		try (Broker broker = new Broker()) {
			await().until(() -> broker.admin().getQueueInfo(queue).getConsumerCount() == 0);
			String rolledBack = transactions.execute((status) -> {
				String id = jobs.push("work", "note", Map.of("key", "rolled-back"), JobOptions.defaults());
				assertThat(broker.template().receive(queue)).as("nothing before the commit").isNull();
				status.setRollbackOnly();
				return id;
			});
			assertThat(broker.template().receive(queue)).as("no message for a rollback").isNull();
			assertThat(jobs.find(rolledBack)).as("no row for a rollback").isEmpty();
			String committed = transactions.execute((status) -> {
				String id = jobs.push("work", "note", Map.of("key", "committed"), JobOptions.defaults());
				assertThat(broker.template().receive(queue)).as("nothing before the commit").isNull();
				return id;
			});
			await().untilAsserted(
					() -> assertThat(broker.admin().getQueueInfo(queue).getMessageCount()).as("published at commit")
						.isEqualTo(1));
			control.resume(pipeline());
			new JobsCalls(app()).awaitStatus(committed, "done");
			assertThat(app().bean(JdbcClient.class)
				.sql("SELECT note_key FROM job_notes WHERE job_id IN (:ids)")
				.param("ids", List.of(committed, rolledBack))
				.query(String.class)
				.list()).as("the committed job ran once, the rolled back one never").containsExactly("committed");
		}
		finally {
			control.resume(pipeline());
		}
	}

	@Override
	void cleanUp() {
		try (Broker broker = new Broker()) {
			broker.admin().deleteQueue(queue);
			broker.admin().deleteQueue(queue + ".dead");
		}
	}

	/** A short-lived connection to the test broker. */
	private static final class Broker implements AutoCloseable {

		private final CachingConnectionFactory connections = new CachingConnectionFactory("127.0.0.1", 5672);

		RabbitAdmin admin() {
			return new RabbitAdmin(connections);
		}

		RabbitTemplate template() {
			return new RabbitTemplate(connections);
		}

		@Override
		public void close() {
			connections.destroy();
		}

	}

}
