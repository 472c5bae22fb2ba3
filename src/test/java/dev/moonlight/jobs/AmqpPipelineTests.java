package dev.moonlight.jobs;

import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

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

		@Override
		public void close() {
			connections.destroy();
		}

	}

}
