package dev.moonlight.jobs;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/** The pipeline contract on the jdbc driver and the embedded H2 database. */
class JdbcPipelineTests extends PipelineContract {

	@Override
	RunningApp start() {
		return JobsTestApp.builder("jdbc", "jdbc", "unused", 1).start();
	}

	@Override
	String pipeline() {
		return "jdbc";
	}

	/** The poller claims jobs ahead of its workers; a pause must hand those back, not start them later. */
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
			sleep(700);
			for (String id : ahead) {
				assertThat(calls.status(id, "alice", null).path("status").asString())
					.as("claimed ahead, then paused: back in the queue, not run").isEqualTo("queued");
				assertThat(calls.status(id, "alice", null).path("attempts").asInt())
					.as("handing back gives the attempt back").isZero();
			}
		}
		finally {
			control.resume(pipeline());
		}
		ahead.forEach((id) -> calls.awaitStatus(id, "done"));
	}

}
