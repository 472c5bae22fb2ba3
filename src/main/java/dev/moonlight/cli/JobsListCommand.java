package dev.moonlight.cli;

import java.util.List;

import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** {@code jobs:list}: every pipeline with its driver and whether it is paused. */
@Command(name = "jobs:list", description = "List the job pipelines: driver, and whether each is active or paused.")
final class JobsListCommand extends JobsCommand {

	JobsListCommand(Class<?> application) {
		super(application);
	}

	@Override
	String method() {
		return "jobs.list";
	}

	@Override
	int print(JsonNode result, Output output) {
		JsonNode pipelines = result.path("pipelines");
		output.print(pipelines,
				() -> TextTable
					.render(List.of("PIPELINE", "DRIVER", "STATE"), pipelines.valueStream()
						.map((pipeline) -> List.of(Output.text(pipeline, "name"), Output.text(pipeline, "driver"),
								pipeline.path("paused").asBoolean() ? "paused" : "active"))
						.toList())
						+ (result.path("enabled").asBoolean() ? ""
								: "Jobs are off ([jobs] ENABLED=false): jobs run after the response.\n"));
		return 0;
	}

}
