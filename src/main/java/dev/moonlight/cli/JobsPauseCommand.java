package dev.moonlight.cli;

import picocli.CommandLine.Command;

/**
 * {@code jobs:pause [pipeline]}: consumers everywhere stop taking jobs of the pipeline
 * (or of all); pushes go on.
 */
@Command(name = "jobs:pause", description = "Pause a pipeline (or all): every consumer on the database stops taking its"
		+ " jobs; new jobs are still queued. 'jobs:resume' undoes it.")
final class JobsPauseCommand extends JobsSwitchCommand {

	JobsPauseCommand(Class<?> application) {
		super(application, "pause", "paused");
	}

}
