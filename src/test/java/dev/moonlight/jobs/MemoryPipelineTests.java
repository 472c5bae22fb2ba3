package dev.moonlight.jobs;

import dev.moonlight.testing.RunningApp;

/** The pipeline contract on the memory driver. */
class MemoryPipelineTests extends PipelineContract {

	@Override
	RunningApp start() {
		return JobsTestApp.builder("fast", "memory", "unused", 1).start();
	}

	@Override
	String pipeline() {
		return "fast";
	}

}
