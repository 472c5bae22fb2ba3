package dev.moonlight.rpc;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.moonlight.jobs.JobOptions;
import dev.moonlight.jobs.Jobs;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The admin RPC's {@code jobs.*} methods over a real socket, on a memory pipeline that
 * only the server itself can see: list, stats, pause and resume, failed, retry, and the
 * refusals (unknown pipeline, bad parameters, no jobs).
 */
class JobsMethodsTests {

	private static final String SETTINGS = "[jobs]\nENABLED = true\nPIPELINE = fast\nMAX_ATTEMPTS = 1\nBACKOFF = 50ms\n";

	private static final String RR_YAML = "jobs:\n  pool:\n    num_workers: 1\n  pipelines:\n    fast:\n"
			+ "      driver: memory\n      config:\n        poll_interval: 100ms\n";

	@Test
	void everyJobsMethodAnswersOverTheSocket() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class).settings(SETTINGS).rrYaml(RR_YAML).start();
				RpcConnection rpc = RpcConnection.authorized(app)) {
			JsonNode list = result(rpc.send("{\"method\":\"jobs.list\"}"));
			assertThat(list.path("enabled").asBoolean()).isTrue();
			assertThat(list.path("pipelines").toString())
				.isEqualTo("[{\"name\":\"fast\",\"driver\":\"memory\",\"paused\":false,\"consumed_here\":true}]");

			assertThat(result(rpc.send("{\"method\":\"jobs.pause\",\"params\":{\"pipeline\":\"fast\"}}")).toString())
				.isEqualTo("{\"paused\":[\"fast\"]}");
			Jobs jobs = app.bean(Jobs.class);
			String fine = jobs.push("work", "note", Map.of("key", "fine"), JobOptions.defaults());
			String broken = jobs.push("work", "note", Map.of("key", "broken", "fail_times", 9), JobOptions.defaults());
			assertThat(result(rpc.send("{\"method\":\"jobs.stats\"}")).toString()).as("paused: both wait")
				.isEqualTo("{\"pipelines\":[{\"pipeline\":\"fast\",\"driver\":\"memory\",\"queued\":2,\"running\":0,"
						+ "\"done\":0,\"failed\":0}]}");
			assertThat(
					result(rpc.send("{\"method\":\"jobs.list\"}")).path("pipelines").path(0).path("paused").asBoolean())
				.isTrue();

			assertThat(result(rpc.send("{\"method\":\"jobs.resume\"}")).toString()).as("no pipeline: all of them")
				.isEqualTo("{\"resumed\":[\"fast\"]}");
			await().atMost(Duration.ofSeconds(20))
				.until(() -> result(rpc.send("{\"method\":\"jobs.stats\"}")).path("pipelines")
					.path(0)
					.path("done")
					.asInt() == 1);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> result(rpc.send("{\"method\":\"jobs.stats\"}")).path("pipelines")
					.path(0)
					.path("failed")
					.asInt() == 1);

			JsonNode failed = result(rpc.send("{\"method\":\"jobs.failed\",\"params\":{\"limit\":5}}")).path("jobs");
			assertThat(failed.size()).isOne();
			assertThat(failed.path(0).path("job_id").asString()).isEqualTo(broken).isNotEqualTo(fine);
			assertThat(failed.path(0).path("last_error").asString()).contains("planned failure 1");
			assertThat(failed.path(0).path("attempts").asInt()).isOne();

			assertThat(
					result(rpc.send("{\"method\":\"jobs.retry\",\"params\":{\"id\":\"" + broken + "\"}}")).toString())
				.isEqualTo("{\"queued\":[\"" + broken + "\"]}");
			assertThat(result(rpc.send("{\"method\":\"jobs.retry\",\"params\":{\"id\":\"no-such-job\"}}")).toString())
				.as("an unknown id is no error, only nothing queued")
				.isEqualTo("{\"queued\":[]}");
		}
	}

	@Test
	void refusalsNameWhatIsWrong() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class).settings(SETTINGS).rrYaml(RR_YAML).start();
				RpcConnection rpc = RpcConnection.authorized(app)) {
			assertError(rpc.send("{\"method\":\"jobs.pause\",\"params\":{\"pipeline\":\"nowhere\"}}"),
					"No pipeline 'nowhere'; pipelines: fast.");
			assertError(rpc.send("{\"method\":\"jobs.resume\",\"params\":{\"pipeline\":7}}"),
					"Parameter pipeline must be a string.");
			assertError(rpc.send("{\"method\":\"jobs.failed\",\"params\":{\"limit\":0}}"),
					"Parameter limit must be a whole number of at least 1.");
			assertError(rpc.send("{\"method\":\"jobs.retry\"}"), "jobs.retry takes a job \"id\" or \"all\": true");
			assertError(rpc.send("{\"method\":\"jobs.retry\",\"params\":{\"id\":\"x\",\"all\":true}}"),
					"jobs.retry takes a job \"id\" or \"all\": true");
			assertError(rpc.send("{\"method\":\"jobs.retry\",\"params\":{\"all\":\"yes\"}}"),
					"Parameter all must be true or false.");
			assertError(rpc.send("{\"method\":\"jobs.purge\"}"),
					"Unknown method 'jobs.purge'. Methods: status, workers,"
							+ " stop, reload, maintenance.on, maintenance.off, jobs.list, jobs.stats, jobs.pause, jobs.resume, jobs.failed,"
							+ " jobs.retry.");
			assertThat(rpc.send("{\"method\":\"jobs.stats\"}").path("ok").asBoolean()).as("still serving").isTrue();
		}
	}

	@Test
	void withJobsOffPauseSaysSo() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class).settings("[jobs]\nENABLED = false\n").start();
				RpcConnection rpc = RpcConnection.authorized(app)) {
			assertThat(result(rpc.send("{\"method\":\"jobs.list\"}")).path("enabled").asBoolean()).isFalse();
			assertError(rpc.send("{\"method\":\"jobs.pause\"}"),
					"Jobs are off ([jobs] ENABLED=false): there is no pipeline to pause.");
		}
	}

	@Test
	void anApplicationWithoutJobsRefusesEveryJobsMethod() {
		JsonMapper json = JsonMapper.builder().build();
		AdminMethods methods = new AdminMethods(null, null, null, null, json, null, null,
				dev.moonlight.server.OpenConnections.NONE);
		for (String method : JobsMethods.NAMES) {
			assertThatThrownBy(() -> methods.call(RpcRequest.parse("{\"method\":\"" + method + "\"}", json)).block())
				.isInstanceOf(RpcException.class)
				.hasMessage(method + " is not available: this application has no jobs (no JobControl bean).");
		}
	}

	private static JsonNode result(JsonNode answer) {
		assertThat(answer.path("ok").asBoolean()).as("answer: %s", answer).isTrue();
		return answer.path("result");
	}

	private static void assertError(JsonNode answer, String message) {
		assertThat(answer.path("ok").asBoolean()).as("answer: %s", answer).isFalse();
		assertThat(answer.path("error").asString()).contains(message);
	}

}
