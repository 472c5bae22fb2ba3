package dev.moonlight.cli;

import java.util.List;

import dev.moonlight.jobs.JobControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jobs:pause [pipeline]}: consumers everywhere stop taking jobs of the pipeline (or of all); pushes go on. */
@Command(name = "jobs:pause", description = "Pause a pipeline (or all): every consumer on the database stops taking its"
		+ " jobs; new jobs are still queued. 'jobs:resume' undoes it.")
final class JobsPauseCommand extends JobsCommand {

	@Parameters(arity = "0..1", paramLabel = "PIPELINE", description = "The pipeline; all of them when left out.")
	String pipeline;

	JobsPauseCommand(Class<?> application) {
		super(application);
	}

	@Override
	int run(JobControl control, Output output) {
		List<String> paused = control.pause(pipeline);
		output.print(paused, () -> "Paused: " + String.join(", ", paused) + System.lineSeparator());
		return 0;
	}

}
