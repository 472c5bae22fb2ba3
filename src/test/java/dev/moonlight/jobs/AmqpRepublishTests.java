package dev.moonlight.jobs;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.CuttableProxy;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An amqp job whose message RabbitMQ did not take after the commit (the broker cut off by
 * a {@link CuttableProxy} at that moment) is published again by the consumer's sweep once
 * the broker is back, and runs once; a second message for a job that ran is dropped. Part
 * of the services suite: the machine's RabbitMQ on 127.0.0.1:5672.
 */
@Tag("services")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AmqpRepublishTests {

	private final String queue = "moonlight.jobs.test."
			+ Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);

	private final CuttableProxy proxy = new CuttableProxy(5672);

	private final CachingConnectionFactory direct = new CachingConnectionFactory("127.0.0.1", 5672);

	private RunningApp app;

	@BeforeAll
	void start() {
		app = RunningApp.of(TestApplication.class)
			.settings(JobsTestApp.settings(true, "broker"))
			.rrYaml(JobsTestApp.rrYaml("broker", "amqp", queue, 2) + "        republish_after: 1s\namqp:\n"
					+ "  addr: amqp://guest:guest@127.0.0.1:" + proxy.port() + "/\n")
			.start();
	}

	@AfterAll
	void stop() {
		if (app != null) {
			app.close();
		}
		RabbitAdmin admin = new RabbitAdmin(direct);
		admin.deleteQueue(queue);
		admin.deleteQueue(queue + ".dead");
		direct.destroy();
		proxy.close();
	}

	/**
	 * The keyed call runs in a transaction, so its job's message leaves after the commit,
	 * when the broker is cut off: the answer is still 202 and the job stays queued; with
	 * the broker back, the sweep publishes it and it runs once.
	 */
	@Test
	void aJobWhoseMessageFailedAfterTheCommitIsPublishedAgainAndRunsOnce() {
		awaitConsumer();
		proxy.cut();
		String id;
		try {
			id = enqueueKeyed("after-cut");
			assertThat(new JobsCalls(app).status(id, "operator", "jobs.manage").path("status").asString())
				.isEqualTo("queued");
		}
		finally {
			proxy.restore();
		}
		new JobsCalls(app).awaitStatus(id, "done");
		assertThat(notes(id)).as("the job ran once").isEqualTo(1);
		assertThat(published(id)).as("its message is marked confirmed").isTrue();
	}

	/** A duplicate message of a job that ran is acknowledged and dropped. */
	@Test
	void aSecondMessageForAJobThatRanIsDropped() {
		awaitConsumer();
		String id = enqueueKeyed("duplicated");
		new JobsCalls(app).awaitStatus(id, "done");
		RabbitTemplate template = new RabbitTemplate(direct);
		template.convertAndSend("", queue, id);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> new RabbitAdmin(direct).getQueueInfo(queue).getMessageCount() == 0);
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> notes(id) == 1);
		assertThat(new JobsCalls(app).status(id, "operator", "jobs.manage").path("status").asString())
			.isEqualTo("done");
	}

	/**
	 * A second message (as the sweep sends for a publish whose mark was lost) of a job
	 * another delivery is running is dropped, though a worker is free: only a redelivery
	 * (its consumer went away) takes a running job over.
	 */
	@Test
	void aSecondMessageForARunningJobIsDropped() {
		awaitConsumer();
		String id = enqueueKeyed("running", ",\"sleep_ms\":3000");
		new JobsCalls(app).awaitStatus(id, "running");
		new RabbitTemplate(direct).convertAndSend("", queue, id);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> new RabbitAdmin(direct).getQueueInfo(queue).getMessageCount() == 0);
		new JobsCalls(app).awaitStatus(id, "done");
		assertThat(attempts(id)).as("attempts of the job").isEqualTo(1);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> notes(id) == 1);
	}

	/**
	 * A queued job that is not pending (as an older version's process leaves its jobs,
	 * whose messages it published) is never published again; once pending, it is.
	 */
	@Test
	void onlyAPendingJobIsPublishedAgain() {
		awaitConsumer();
		String id = enqueueKeyed("old-row");
		new JobsCalls(app).awaitStatus(id, "done");
		app.bean(JdbcClient.class)
			.sql("UPDATE moonlight_jobs SET status = 'queued', available_at = :due, finished_at = NULL WHERE id = :id")
			.param("due", OffsetDateTime.now().minusHours(1))
			.param("id", id)
			.update();
		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> notes(id) == 1);
		assertThat(new JobsCalls(app).status(id, "operator", "jobs.manage").path("status").asString())
			.isEqualTo("queued");
		app.bean(JdbcClient.class)
			.sql("UPDATE moonlight_jobs SET publish_pending = TRUE WHERE id = :id")
			.param("id", id)
			.update();
		new JobsCalls(app).awaitStatus(id, "done");
		assertThat(notes(id)).isEqualTo(2);
	}

	private void awaitConsumer() {
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			var info = new RabbitAdmin(direct).getQueueInfo(queue);
			return info != null && info.getConsumerCount() > 0;
		});
	}

	/**
	 * {@code work.enqueue} of a note, sent with an idempotency key; answers the job id.
	 */
	private String enqueueKeyed(String key) {
		return enqueueKeyed(key, "");
	}

	private String enqueueKeyed(String key, String morePayload) {
		AtomicReference<String> id = new AtomicReference<>();
		app.client()
			.post()
			.uri("/api/v1/")
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Caller", "alice")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.bodyValue("{\"service\":\"work\",\"action\":\"enqueue\",\"job_service\":\"work\",\"job_action\":\"note\","
					+ "\"payload\":{\"key\":\"" + key + "\"" + morePayload + "}}")
			.exchange()
			.expectStatus()
			.isEqualTo(202)
			.expectBody()
			.jsonPath("$.returnData.job_id")
			.value((String value) -> id.set(value));
		return id.get();
	}

	private int notes(String jobId) {
		return value("SELECT COUNT(*) FROM job_notes WHERE job_id = :id", jobId, Integer.class);
	}

	private int attempts(String jobId) {
		return value("SELECT attempts FROM moonlight_jobs WHERE id = :id", jobId, Integer.class);
	}

	private boolean published(String jobId) {
		return value("SELECT NOT publish_pending FROM moonlight_jobs WHERE id = :id", jobId, Boolean.class);
	}

	private <T> T value(String sql, String jobId, Class<T> type) {
		return app.bean(JdbcClient.class).sql(sql).param("id", jobId).query(type).single();
	}

}
