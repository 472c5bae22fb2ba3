package dev.moonlight.jmh.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A throw-away project folder for one boot of the benchmark: settings.ini with jobs on, a .rr.yaml with the
 * pipelines and pool sizes under test, and for PostgreSQL a scratch database that {@link #close()} drops again (with
 * the folder), so a run leaves nothing behind.
 *
 * @param dir the project folder
 * @param adminUrl the PostgreSQL database the scratch one is created from and dropped through, or {@code null}
 * @param database the scratch database's name, or {@code null}
 */
record BenchProject(Path dir, String adminUrl, String database) implements AutoCloseable {

	/** The {@code memory} and {@code jdbc} pipelines on an H2 file in the folder. */
	static BenchProject h2(JobsBenchmark.Options options) throws IOException {
		BenchProject project = new BenchProject(Files.createTempDirectory("moonlight-jobs-bench-"), null, null);
		project.write(options, "");
		return project;
	}

	/** The {@code jdbc} pipeline on a fresh PostgreSQL database beside {@code options.postgres()}. */
	static BenchProject postgres(JobsBenchmark.Options options) throws IOException, SQLException {
		String database = "moonlight_jobs_bench_" + ProcessHandle.current().pid();
		try (Connection connection = DriverManager.getConnection(options.postgres(), "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + database);
			statement.execute("CREATE DATABASE " + database);
		}
		String url = options.postgres().substring(0, options.postgres().lastIndexOf('/') + 1) + database;
		BenchProject project = new BenchProject(Files.createTempDirectory("moonlight-jobs-bench-"), options.postgres(),
				database);
		project.write(options, "DATABASE_URL=" + url + "?user=postgres\n");
		return project;
	}

	private void write(JobsBenchmark.Options options, String dotEnv) throws IOException {
		Files.createDirectories(dir.resolve("environment"));
		// Production: no development seed and no generated .env in the scratch folder.
		Files.writeString(dir.resolve("environment/.env"), "APP_ENV=production\n" + dotEnv);
		Files.writeString(dir.resolve("environment/settings.ini"),
				"[jobs]\nENABLED = true\nPIPELINE = jdbc\nMAX_ATTEMPTS = 3\nBACKOFF = 1s\n");
		String config = "      config:\n        prefetch: " + options.prefetch() + "\n        poll_interval: 1s\n";
		Files.writeString(dir.resolve(".rr.yaml"), "http:\n  pool:\n    num_workers: 1\n"
				+ "jobs:\n  pool:\n    num_workers: " + options.workers() + "\n    max_queue_size: 0\n"
				+ "  pipelines:\n    jdbc:\n      driver: jdbc\n" + config
				+ ((adminUrl == null) ? "    memory:\n      driver: memory\n" + config : ""));
	}

	@Override
	public void close() throws IOException, SQLException {
		if (database != null) {
			try (Connection connection = DriverManager.getConnection(adminUrl, "postgres", "");
					Statement statement = connection.createStatement()) {
				statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
			}
		}
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
