package dev.moonlight.jobs;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

/**
 * The test application set up for jobs: the {@code X-Caller} backend, and a pipeline of
 * the driver under test.
 */
final class JobsTestApp {

	private JobsTestApp() {
	}

	static String settings(boolean enabled, String pipeline) {
		return "[app_authentications]\ncallers = dev.moonlight.testapp.HeaderCallerBackend\n\n[jobs]\nENABLED = "
				+ enabled + "\nPIPELINE = " + pipeline + "\nMAX_ATTEMPTS = 3\nBACKOFF = 100ms\n";
	}

	/**
	 * A pipeline named {@code pipeline} of {@code driver}, one worker (so priorities show
	 * as an order), fast polls, and the shortest lease, so every test also shows that a
	 * live consumer keeps its claims.
	 */
	static String rrYaml(String pipeline, String driver, String queue, int workers) {
		return "jobs:\n  pool:\n    num_workers: " + workers + "\n    destroy_timeout: 5s\n  pipelines:\n    "
				+ pipeline + ":\n      driver: " + driver + "\n      config:\n        poll_interval: 100ms\n"
				+ "        lease: 1s\n        queue: " + queue + "\n";
	}

	static RunningApp.Builder builder(String pipeline, String driver, String queue, int workers) {
		return RunningApp.of(TestApplication.class)
			.settings(settings(true, pipeline))
			.rrYaml(rrYaml(pipeline, driver, queue, workers));
	}

}
