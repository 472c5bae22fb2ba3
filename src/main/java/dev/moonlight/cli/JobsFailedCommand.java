package dev.moonlight.cli;

import java.util.List;
import java.util.Map;

import dev.moonlight.jobs.Job;
import dev.moonlight.jobs.JobControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jobs:failed}: the newest failed jobs with their last error. */
@Command(name = "jobs:failed", description = "List failed jobs, newest first, with their last error."
		+ " 'jobs:retry <id>' or 'jobs:retry --all' queues them again.")
final class JobsFailedCommand extends JobsCommand {

	@Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N jobs (default 50).")
	int limit;

	JobsFailedCommand(Class<?> application) {
		super(application);
	}

	@Override
	int run(JobControl control, Output output) {
		List<Job> failed = control.failed(limit);
		List<Map<String, Object>> described = failed.stream().map(Job::describe).toList();
		output.print(described, () -> failed.isEmpty() ? "No failed jobs." + System.lineSeparator()
				: TextTable.render(List.of("JOB", "PIPELINE", "ACTION", "ATTEMPTS", "FAILED AT", "LAST ERROR"),
						failed.stream().map(JobsFailedCommand::row).toList()));
		return 0;
	}

	private static List<String> row(Job job) {
		return List.of(job.id(), job.pipeline(), job.label(), job.attempts() + "/" + job.maxAttempts(),
				(job.finishedAt() != null) ? job.finishedAt().toString() : "-",
				(job.lastError() != null) ? job.lastError().replaceAll("\\s+", " ") : "-");
	}

}
