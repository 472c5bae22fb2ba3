package dev.moonlight.jobs;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.moonlight.testing.RunningApp;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline contract on the jdbc driver and the embedded H2 database (a 1 s lease,
 * renewed every 333 ms).
 */
class JdbcPipelineTests extends PipelineContract {

	@Override
	RunningApp start() {
		return JobsTestApp.builder("jdbc", "jdbc", "unused", 1).start();
	}

	@Override
	String pipeline() {
		return "jdbc";
	}

	/**
	 * The poller claims jobs ahead of its workers; a pause must hand those back, not
	 * start them later.
	 */
	@Test
	void aPauseHandsBackJobsClaimedAheadAndStartsNoneOfThem() {
		JobsCalls calls = new JobsCalls(app());
		JobControl control = app().bean(JobControl.class);
		String busy = calls.enqueueNote("alice", "\"key\":\"busy\",\"sleep_ms\":1500", "");
		List<String> ahead = List.of(calls.enqueueNote("alice", "\"key\":\"a\"", ""),
				calls.enqueueNote("alice", "\"key\":\"b\"", ""));
		calls.awaitStatus(busy, "running");
		ahead.forEach((id) -> calls.awaitStatus(id, "running"));
		control.pause(pipeline());
		try {
			calls.awaitStatus(busy, "done");
			// The hand-back is the event to wait for: a job the freed worker started
			// would go on to running and done, never back to queued.
			for (String id : ahead) {
				assertThat(calls.awaitStatus(id, "queued").path("attempts").asInt())
					.as("claimed ahead, then paused: back in the queue, its attempt given back")
					.isZero();
			}
			assertThat(notesWritten(ahead)).as("none of them ran").isZero();
		}
		finally {
			control.resume(pipeline());
		}
		for (String id : ahead) {
			assertThat(calls.awaitStatus(id, "done").path("attempts").asInt()).as("run once, after the resume").isOne();
		}
		assertThat(notesWritten(ahead)).isEqualTo(2);
	}

	private long notesWritten(List<String> jobIds) {
		return app().bean(JdbcClient.class)
			.sql("SELECT COUNT(*) FROM job_notes WHERE job_id IN (:ids)")
			.param("ids", jobIds)
			.query(Long.class)
			.single();
	}

	/**
	 * The heartbeat renews the lease of a running job and of the one claimed ahead behind
	 * it: neither runs twice.
	 */
	@Test
	void aJobRunningLongerThanItsLeaseKeepsItAndSoDoesTheJobClaimedBehindIt() {
		JobsCalls calls = new JobsCalls(app());
		String slow = calls.enqueueNote("alice", "\"key\":\"outlasts-lease\",\"sleep_ms\":3500", "");
		String behind = calls.enqueueNote("alice", "\"key\":\"behind\"", "");
		JsonNode done = calls.awaitStatus(slow, "done");
		assertThat(done.path("attempts").asInt()).as("3.5 s on a 1 s lease, one run").isEqualTo(1);
		assertThat(done.path("last_error").isNull()).isTrue();
		assertThat(calls.awaitStatus(behind, "done").path("attempts").asInt()).as("waited 3.5 s claimed, ran once")
			.isEqualTo(1);
		assertThat(app().bean(JdbcClient.class)
			.sql("SELECT COUNT(*) FROM job_notes WHERE job_id IN (:ids)")
			.param("ids", List.of(slow, behind))
			.query(Long.class)
			.single()).isEqualTo(2L);
	}

}
