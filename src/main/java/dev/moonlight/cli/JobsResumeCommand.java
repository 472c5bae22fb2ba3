package dev.moonlight.cli;

import java.util.List;

import dev.moonlight.jobs.JobControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jobs:resume [pipeline]}: consumers take the pipeline's jobs again. */
@Command(name = "jobs:resume", description = "Resume a paused pipeline (or all).")
final class JobsResumeCommand extends JobsCommand {

	@Parameters(arity = "0..1", paramLabel = "PIPELINE", description = "The pipeline; all of them when left out.")
	String pipeline;

	JobsResumeCommand(Class<?> application) {
		super(application);
	}

	@Override
	int run(JobControl control, Output output) {
		List<String> resumed = control.resume(pipeline);
		output.print(resumed, () -> "Resumed: " + String.join(", ", resumed) + System.lineSeparator());
		return 0;
	}

}
