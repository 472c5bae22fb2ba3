package dev.moonlight.cli;

import java.util.List;

import dev.moonlight.jobs.JobControl;
import picocli.CommandLine.Command;

/** {@code jobs:list}: every pipeline with its driver and whether it is paused. */
@Command(name = "jobs:list", description = "List the job pipelines: driver, and whether each is active or paused.")
final class JobsListCommand extends JobsCommand {

	JobsListCommand(Class<?> application) {
		super(application);
	}

	@Override
	int run(JobControl control, Output output) {
		List<JobControl.PipelineInfo> pipelines = control.list();
		output.print(pipelines, () -> TextTable.render(List.of("PIPELINE", "DRIVER", "STATE"), pipelines.stream()
			.map((pipeline) -> List.of(pipeline.name(), pipeline.driver(), pipeline.paused() ? "paused" : "active"))
			.toList()) + (control.enabled() ? "" : "Jobs are off ([jobs] ENABLED=false): jobs run after the response.\n"));
		return 0;
	}

}
