package dev.moonlight.cli;

import java.util.ArrayList;
import java.util.List;

import dev.moonlight.jobs.JobControl;
import dev.moonlight.jobs.JobControl.PipelineStats;
import picocli.CommandLine.Command;

/** {@code jobs:stats}: jobs per pipeline and status, with a total. */
@Command(name = "jobs:stats", description = "Count the jobs of each pipeline by status: queued, running, done, failed.")
final class JobsStatsCommand extends JobsCommand {

	JobsStatsCommand(Class<?> application) {
		super(application);
	}

	@Override
	int run(JobControl control, Output output) {
		List<PipelineStats> stats = control.stats();
		output.print(stats, () -> TextTable.render(List.of("PIPELINE", "DRIVER", "QUEUED", "RUNNING", "DONE", "FAILED"),
				rows(stats)));
		return 0;
	}

	private static List<List<String>> rows(List<PipelineStats> stats) {
		List<List<String>> rows = new ArrayList<>();
		long[] total = new long[4];
		for (PipelineStats pipeline : stats) {
			long[] counts = { pipeline.queued(), pipeline.running(), pipeline.done(), pipeline.failed() };
			List<String> row = new ArrayList<>(List.of(pipeline.pipeline(), pipeline.driver()));
			for (int i = 0; i < counts.length; i++) {
				total[i] += counts[i];
				row.add(Long.toString(counts[i]));
			}
			rows.add(row);
		}
		rows.add(List.of("total", "", Long.toString(total[0]), Long.toString(total[1]), Long.toString(total[2]),
				Long.toString(total[3])));
		return rows;
	}

}
