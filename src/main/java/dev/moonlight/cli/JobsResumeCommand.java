package dev.moonlight.cli;

import picocli.CommandLine.Command;

/** {@code jobs:resume [pipeline]}: consumers take the pipeline's jobs again. */
@Command(name = "jobs:resume", description = "Resume a paused pipeline (or all).")
final class JobsResumeCommand extends JobsSwitchCommand {

	JobsResumeCommand(Class<?> application) {
		super(application, "resume", "resumed");
	}

}
