package dev.moonlight.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** {@code jobs:stats}: jobs per pipeline and status, with a total. */
@Command(name = "jobs:stats", description = "Count the jobs of each pipeline by status: queued, running, done, failed.")
final class JobsStatsCommand extends JobsCommand {

	private static final List<String> COUNTS = List.of("queued", "running", "done", "failed");

	JobsStatsCommand(Class<?> application) {
		super(application);
	}

	@Override
	String method() {
		return "jobs.stats";
	}

	@Override
	int print(JsonNode result, Output output) {
		JsonNode stats = result.path("pipelines");
		output.print(stats, () -> TextTable.render(List.of("PIPELINE", "DRIVER", "QUEUED", "RUNNING", "DONE", "FAILED"),
				rows(stats)));
		return 0;
	}

	private static List<List<String>> rows(JsonNode stats) {
		List<List<String>> rows = new ArrayList<>();
		long[] total = new long[COUNTS.size()];
		for (JsonNode pipeline : stats) {
			List<String> row = new ArrayList<>(
					List.of(Output.text(pipeline, "pipeline"), Output.text(pipeline, "driver")));
			for (int i = 0; i < total.length; i++) {
				long count = pipeline.path(COUNTS.get(i)).asLong();
				total[i] += count;
				row.add(Long.toString(count));
			}
			rows.add(row);
		}
		List<String> last = new ArrayList<>(List.of("total", ""));
		for (long count : total) {
			last.add(Long.toString(count));
		}
		rows.add(last);
		return rows;
	}

}
