package dev.moonlight.jobs;

import dev.moonlight.testing.RunningApp;

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

}
