package dev.moonlight.cli;

import java.util.List;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code jobs:retry <id>|--all}: failed jobs are queued again with a fresh set of
 * attempts.
 */
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
	String method() {
		return "jobs.retry";
	}

	@Override
	void params(ObjectNode params) {
		if (target.all) {
			params.put("all", true);
		}
		else {
			params.put("id", target.id);
		}
	}

	@Override
	int print(JsonNode result, Output output) {
		List<String> queued = Output.strings(result.path("queued"));
		if (queued.isEmpty() && !target.all) {
			return output.fail("no failed job " + target.id + "; see 'jobs:failed'.");
		}
		output.print(result.path("queued"), () -> "Queued again: "
				+ (queued.isEmpty() ? "none" : String.join(", ", queued)) + System.lineSeparator());
		return 0;
	}

}
