package studio.northwind.deskflow;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.moonlight.jobs.JobControl;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DeskFlow's background work over the wire (issue 5, "DeskFlow use"), with the shipped
 * settings (jobs on, the jdbc pipeline): {@code task.assign} answers the task and the job
 * id without waiting for the mail, the mail reaches {@code mail_outbox} once however
 * often its job runs, {@code member.register} queues a welcome mail, and the mail actions
 * are for jobs only.
 */
interface DeskFlowJobsContract {

	RunningApp app();

	@Test
	default void assignAnswersTheTaskAndAJobIdWithoutWaitingAndTheMailReachesTheOutbox() {
		DeskFlowCalls calls = new DeskFlowCalls(app());
		String alex = calls.alex();
		int task = calls.createTask(alex, "\"title\":\"Draft the launch email\"");
		JobControl control = app().bean(JobControl.class);
		control.pause("jdbc");
		AtomicReference<String> job = new AtomicReference<>();
		try {
			calls
				.call("{\"service\":\"task\",\"action\":\"assign\",\"id\":" + task
						+ ",\"assignee\":\"jamie@northwind.studio\"}", alex)
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.returnMessage")
				.isEqualTo("Task assigned")
				.jsonPath("$.returnData.task.assignee")
				.isEqualTo("jamie@northwind.studio")
				.jsonPath("$.returnData.job_id")
				.value((String id) -> job.set(id));
			assertThat(status(calls, alex, job.get())).as("answered while the job waits").isEqualTo("queued");
		}
		finally {
			control.resume("jdbc");
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> status(calls, alex, job.get()).equals("done"));
		assertThat(outbox(job.get())).containsExactly(Map.of("recipient", "jamie@northwind.studio", "subject",
				"You have a new task: Draft the launch email"));
		calls.call(jobStatus(job.get()), calls.jamie()).expectStatus().isForbidden();
	}

	/**
	 * Issue 13, exactly once in effect: a process that dies after the mail is written and
	 * before the job's outcome is recorded leaves the job to run again; the second run
	 * finds its job id in the outbox and writes nothing.
	 */
	@Test
	default void aMailJobThatRunsAgainAfterACrashLeavesOneOutboxRow() {
		DeskFlowCalls calls = new DeskFlowCalls(app());
		String alex = calls.alex();
		String job = calls.assignJob(alex);
		await().atMost(Duration.ofSeconds(30)).until(() -> status(calls, alex, job).equals("done"));
		assertThat(outbox(job)).hasSize(1);
		// As the dead consumer's claim would be freed: queued again, its run counted.
		app().bean(JdbcClient.class)
			.sql("UPDATE moonlight_jobs SET status = 'queued', finished_at = NULL WHERE id = :id")
			.param("id", job)
			.update();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> attempts(calls, alex, job) == 2 && status(calls, alex, job).equals("done"));
		assertThat(outbox(job)).as("one mail per job, however often it runs")
			.containsExactly(
					Map.of("recipient", "jamie@northwind.studio", "subject", "You have a new task: Mail check"));
	}

	@Test
	default void registerQueuesAWelcomeMail() {
		DeskFlowCalls calls = new DeskFlowCalls(app());
		String email = "welcome-" + UUID.randomUUID().toString().substring(0, 8) + "@northwind.studio";
		calls
			.call("{\"service\":\"member\",\"action\":\"register\",\"name\":\"Robin\",\"email\":\"" + email
					+ "\",\"password\":\"long enough\"}")
			.expectStatus()
			.isOk();
		JdbcClient jdbc = app().bean(JdbcClient.class);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(jdbc.sql("SELECT subject FROM mail_outbox WHERE recipient = :to")
				.param("to", email)
				.query(String.class)
				.list()).containsExactly("Welcome to DeskFlow, Robin"));
	}

	@Test
	default void theMailActionsAreForJobsOnly() {
		DeskFlowCalls calls = new DeskFlowCalls(app());
		calls
			.call("{\"service\":\"mail\",\"action\":\"send_welcome\",\"name\":\"Spam\",\"email\":\"x@example.com\"}",
					calls.alex())
			.expectStatus()
			.isForbidden();
		calls.call("{\"service\":\"mail\",\"action\":\"send_welcome\",\"name\":\"Spam\",\"email\":\"x@example.com\"}")
			.expectStatus()
			.isUnauthorized();
	}

	private static String status(DeskFlowCalls calls, String token, String job) {
		AtomicReference<String> status = new AtomicReference<>();
		calls.call(jobStatus(job), token)
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData.status")
			.value((String value) -> status.set(value));
		return status.get();
	}

	private static int attempts(DeskFlowCalls calls, String token, String job) {
		AtomicReference<Integer> attempts = new AtomicReference<>();
		calls.call(jobStatus(job), token)
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData.attempts")
			.value((Integer value) -> attempts.set(value));
		return attempts.get();
	}

	private static String jobStatus(String job) {
		return "{\"service\":\"jobs\",\"action\":\"status\",\"job_id\":\"" + job + "\"}";
	}

	private List<Map<String, Object>> outbox(String job) {
		return app().bean(JdbcClient.class)
			.sql("SELECT recipient, subject FROM mail_outbox WHERE job_id = :job")
			.param("job", job)
			.query()
			.listOfRows();
	}

}
