package dev.moonlight.cli;

import java.util.List;

import dev.moonlight.jobs.JobControl;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jobs:retry <id>|--all}: failed jobs are queued again with a fresh set of attempts. */
@Command(name = "jobs:retry", description = "Queue a failed job (or every failed job) again, with fresh attempts.")
final class JobsRetryCommand extends JobsCommand {

	@ArgGroup(exclusive = true, multiplicity = "1")
	Target target;

	JobsRetryCommand(Class<?> application) {
		super(application);
	}

	/** A job id, or every failed job. */
	static final class Target {

		@Parameters(paramLabel = "ID", description = "The failed job's id (from 'jobs:failed').")
		String id;

		@Option(names = "--all", description = "Every failed job.")
		boolean all;

	}

	@Override
	int run(JobControl control, Output output) {
		List<String> queued = target.all ? control.retryAll() : control.retry(target.id);
		if (queued.isEmpty() && !target.all) {
			spec.commandLine().getErr().println("jobs:retry: no failed job " + target.id + "; see 'jobs:failed'.");
			spec.commandLine().getErr().flush();
			return 1;
		}
		output.print(queued, () -> "Queued again: " + (queued.isEmpty() ? "none" : String.join(", ", queued))
				+ System.lineSeparator());
		return 0;
	}

}
