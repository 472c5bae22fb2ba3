package dev.moonlight.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.moonlight.testapp.JobsTestMain;
import dev.moonlight.testing.ChildJvm;

import static org.awaitility.Awaitility.await;

/**
 * A consumer-only process of the test application ({@code runserver --mode=jobs}) started
 * as a real child JVM on the test's classpath, with its output in a file; stopped with
 * SIGTERM, or killed with SIGKILL as a crash would.
 */
final class ConsumerProcess implements AutoCloseable {

	private final Process process;

	private final Path log;

	private ConsumerProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	static ConsumerProcess start(Path projectDir, String databaseUrl, String name) {
		Path log = projectDir.resolve(name + ".log");
		List<String> command = new ArrayList<>(ChildJvm.command());
		command.addAll(List.of(JobsTestMain.class.getName(), "runserver", "--mode=jobs"));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("MOONLIGHT_PROJECT_DIR", projectDir.toString());
		builder.environment().put("DATABASE_URL", databaseUrl);
		try {
			return new ConsumerProcess(builder.start(), log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	long pid() {
		return process.pid();
	}

	/** Waits until the process consumes (its log says so). */
	ConsumerProcess awaitConsuming() {
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
			if (!process.isAlive()) {
				throw new IllegalStateException("The consumer exited with " + process.exitValue() + ":\n" + output());
			}
			return output().contains("Consuming jobs of");
		});
		return this;
	}

	String output() {
		try {
			return Files.exists(log) ? Files.readString(log) : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	/** SIGKILL: the process dies mid-work, as in a crash or an out-of-memory kill. */
	void kill() {
		process.destroyForcibly();
		waitFor();
	}

	/** SIGTERM: a graceful stop; answers the exit code. */
	int terminate() {
		process.destroy();
		return waitFor();
	}

	private int waitFor() {
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				process.waitFor(10, TimeUnit.SECONDS);
			}
			return process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	@Override
	public void close() {
		if (process.isAlive()) {
			terminate();
		}
	}

}
