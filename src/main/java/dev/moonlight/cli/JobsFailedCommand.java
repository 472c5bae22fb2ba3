package dev.moonlight.cli;

import java.util.List;

import dev.moonlight.rpc.JobsMethods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code jobs:failed}: the newest failed jobs with their last error. */
@Command(name = "jobs:failed", description = "List failed jobs, newest first, with their last error."
		+ " 'jobs:retry <id>' or 'jobs:retry --all' queues them again.")
final class JobsFailedCommand extends JobsCommand {

	@Option(names = "--limit", paramLabel = "N", defaultValue = "" + JobsMethods.DEFAULT_LIMIT,
			description = "At most N jobs (default ${DEFAULT-VALUE}).")
	int limit;

	JobsFailedCommand(Class<?> application) {
		super(application);
	}

	@Override
	String method() {
		return "jobs.failed";
	}

	@Override
	void params(ObjectNode params) {
		params.put("limit", limit);
	}

	@Override
	int print(JsonNode result, Output output) {
		JsonNode failed = result.path("jobs");
		output.print(failed,
				() -> failed.isEmpty() ? "No failed jobs." + System.lineSeparator()
						: TextTable.render(List.of("JOB", "PIPELINE", "ACTION", "ATTEMPTS", "FAILED AT", "LAST ERROR"),
								failed.valueStream().map(JobsFailedCommand::row).toList()));
		return 0;
	}

	/** One described job ({@code Job.describe()}). */
	private static List<String> row(JsonNode job) {
		String finishedAt = Output.text(job, "finished_at");
		String lastError = Output.text(job, "last_error");
		return List.of(Output.text(job, "job_id"), Output.text(job, "pipeline"),
				Output.text(job, "service") + "." + Output.text(job, "action"),
				job.path("attempts").asInt() + "/" + job.path("max_attempts").asInt(),
				(finishedAt != null) ? finishedAt : "-", (lastError != null) ? lastError.replaceAll("\\s+", " ") : "-");
	}

}
