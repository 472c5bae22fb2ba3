package dev.moonlight.jmh.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dev.moonlight.jobs.JobControl;
import dev.moonlight.jobs.JobControl.PipelineStats;
import dev.moonlight.jobs.JobOptions;
import dev.moonlight.jobs.Jobs;

/**
 * End-to-end throughput of the jobs machinery, booted for real: {@code producers} threads queue N {@code bench.tick}
 * jobs through the {@link Jobs} bean (as HTTP workers would), the application's own consumer runs them with
 * {@code jobs.pool.num_workers} workers, and the clock stops once the store has every job settled. One boot serves
 * the {@code memory} and {@code jdbc} pipelines on an H2 file; a second one the {@code jdbc} pipeline on PostgreSQL
 * (a scratch database, dropped after). Each pipeline gets a warm-up round, then the measured rounds. Not JMH: a
 * round is one long run, not a hot loop. {@code bench/jobs.sh} builds and runs it.
 *
 * <pre>
 * JobsBenchmark [--quick] [--only memory,jdbc-h2,jdbc-pg] [--jobs-memory 20000] [--jobs-jdbc 10000] [--rounds 3]
 *               [--producers 2] [--workers 2] [--prefetch 10] [--postgres jdbc:postgresql://127.0.0.1:5432/test]
 *               [--csv FILE]
 * </pre>
 */
public final class JobsBenchmark {

	/** How long one round may take before the benchmark gives up on it. */
	private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(3);

	private final Options options;

	private JobsBenchmark(Options options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		List<Round> rounds = new JobsBenchmark(options).run();
		if (options.csv() != null) {
			StringBuilder rows = new StringBuilder();
			for (Round round : rounds) {
				rows.append(round.csv()).append('\n');
			}
			Files.writeString(options.csv(), rows, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		// Spring and the pools leave non-daemon threads behind only when something hung; do not wait for them.
		System.exit(rounds.stream().allMatch(Round::complete) ? 0 : 1);
	}

	private List<Round> run() throws Exception {
		List<Round> rounds = new ArrayList<>();
		List<String> onH2 = options.only().stream().filter((name) -> !name.equals("jdbc-pg")).toList();
		if (!onH2.isEmpty()) {
			try (BenchProject project = BenchProject.h2(options)) {
				rounds.addAll(measure(project, onH2));
			}
		}
		if (options.only().contains("jdbc-pg")) {
			try (BenchProject project = BenchProject.postgres(options)) {
				rounds.addAll(measure(project, List.of("jdbc-pg")));
			}
		}
		return rounds;
	}

	private List<Round> measure(BenchProject project, List<String> pipelines) throws InterruptedException {
		List<Round> rounds = new ArrayList<>();
		try (ConfigurableApplicationContext app = boot(project)) {
			for (String pipeline : pipelines) {
				int jobs = pipeline.equals("memory") ? options.jobsMemory() : options.jobsJdbc();
				if (!options.quick()) {
					Round warmUp = round(app, pipeline, Math.max(500, jobs / 4), 0);
					System.err.println("  " + warmUp.line() + "  (warm-up)");
				}
				for (int i = 1; i <= options.rounds(); i++) {
					Round round = round(app, pipeline, jobs, i);
					System.err.println("  " + round.line());
					rounds.add(round);
				}
			}
		}
		return rounds;
	}

	private static ConfigurableApplicationContext boot(BenchProject project) {
		SpringApplication app = new SpringApplication(JobsBenchApplication.class);
		// A consumer-only process, as 'runserver --mode=jobs' boots one: no HTTP listener, the jobs pool works.
		return app.run("--spring.main.web-application-type=none", "--moonlight.mode=jobs",
				"--moonlight.project-dir=" + project.dir(), "--spring.main.banner-mode=off",
				"--logging.level.root=warn", "--moonlight.access-log=off");
	}

	/** Queues {@code jobs} ticks on {@code pipeline} from the producers and waits until all of them are settled. */
	private Round round(ConfigurableApplicationContext app, String pipeline, int jobs, int number)
			throws InterruptedException {
		String name = pipeline.equals("memory") ? "memory" : "jdbc";
		Jobs queue = app.getBean(Jobs.class);
		TickService ticks = app.getBean(TickService.class);
		JobControl control = app.getBean(JobControl.class);
		long target = ticks.runs() + jobs;
		JobOptions onPipeline = JobOptions.defaults().onPipeline(name);
		long start = System.nanoTime();
		Thread[] producers = new Thread[options.producers()];
		for (int p = 0; p < producers.length; p++) {
			int from = jobs * p / producers.length;
			int to = jobs * (p + 1) / producers.length;
			producers[p] = new Thread(() -> {
				for (int n = from; n < to; n++) {
					queue.push("bench", "tick", new TickService.Tick(n), onPipeline);
				}
			}, "bench-producer-" + p);
			producers[p].start();
		}
		for (Thread producer : producers) {
			producer.join();
		}
		long enqueued = System.nanoTime();
		long deadline = start + ROUND_TIMEOUT.toNanos();
		while (ticks.runs() < target && System.nanoTime() < deadline) {
			Thread.sleep(1);
		}
		// The action has run; the clock stops when the store has recorded every outcome too.
		PipelineStats stats = stats(control, name);
		while ((stats.queued() > 0 || stats.running() > 0) && System.nanoTime() < deadline) {
			Thread.sleep(2);
			stats = stats(control, name);
		}
		long end = System.nanoTime();
		boolean complete = ticks.runs() >= target && stats.queued() == 0 && stats.running() == 0 && stats.failed() == 0;
		return new Round(pipeline, number, jobs, options.producers(), options.workers(), options.prefetch(),
				(enqueued - start) / 1e9, (end - start) / 1e9, complete, load());
	}

	private static PipelineStats stats(JobControl control, String pipeline) {
		return control.stats().stream().filter((stats) -> stats.pipeline().equals(pipeline)).findFirst().orElseThrow();
	}

	private static String load() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
		}
		catch (IOException ex) {
			return "";
		}
	}

	/** One measured (or warm-up, number 0) round. */
	record Round(String pipeline, int number, int jobs, int producers, int workers, int prefetch, double enqueueSeconds,
			double seconds, boolean complete, String load) {

		double jobsPerSecond() {
			return jobs / seconds;
		}

		String line() {
			return String.format(Locale.ROOT, "%-8s round %d  %,7d jobs  enqueue %,9.0f/s  end to end %,9.0f jobs/s"
					+ "  (%.2f s)%s", pipeline, number, jobs, jobs / enqueueSeconds, jobsPerSecond(), seconds,
					complete ? "" : "  INCOMPLETE");
		}

		String csv() {
			return String.join(",", pipeline, Integer.toString(number), Integer.toString(jobs),
					Integer.toString(producers), Integer.toString(workers), Integer.toString(prefetch),
					String.format(Locale.ROOT, "%.0f", jobs / enqueueSeconds),
					String.format(Locale.ROOT, "%.0f", jobsPerSecond()), String.format(Locale.ROOT, "%.3f", seconds),
					Boolean.toString(complete), load);
		}

	}

	/** The command line. */
	record Options(boolean quick, List<String> only, int jobsMemory, int jobsJdbc, int rounds, int producers,
			int workers, int prefetch, String postgres, Path csv) {

		static Options parse(String[] args) {
			boolean quick = Arrays.asList(args).contains("--quick");
			List<String> only = List.of("memory", "jdbc-h2", "jdbc-pg");
			int jobsMemory = quick ? 2_000 : 20_000;
			int jobsJdbc = quick ? 500 : 10_000;
			int rounds = quick ? 1 : 3;
			int producers = 2;
			int workers = 2;
			int prefetch = 10;
			String postgres = "jdbc:postgresql://127.0.0.1:5432/test";
			Path csv = null;
			for (int i = 0; i < args.length; i++) {
				String value = (i + 1 < args.length) ? args[i + 1] : null;
				switch (args[i]) {
					case "--quick" -> {
						continue;
					}
					case "--only" -> only = List.of(value.split(","));
					case "--jobs-memory" -> jobsMemory = Integer.parseInt(value);
					case "--jobs-jdbc" -> jobsJdbc = Integer.parseInt(value);
					case "--rounds" -> rounds = Integer.parseInt(value);
					case "--producers" -> producers = Integer.parseInt(value);
					case "--workers" -> workers = Integer.parseInt(value);
					case "--prefetch" -> prefetch = Integer.parseInt(value);
					case "--postgres" -> postgres = value;
					case "--csv" -> csv = Path.of(value);
					default -> throw new IllegalArgumentException("Unknown option " + args[i]);
				}
				i++;
			}
			return new Options(quick, only, jobsMemory, jobsJdbc, rounds, producers, workers, prefetch, postgres, csv);
		}

	}

}
