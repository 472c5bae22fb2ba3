package dev.moonlight.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.moonlight.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code runserver:logs} on log files written by the test: last lines, formatting,
 * waiting and following.
 */
class LogsCommandTests {

	private static final String ACCESS = "{\"time\":\"2026-11-22T12:18:42.123Z\",\"method\":\"POST\",\"path\":\"/api/v1/\","
			+ "\"action\":\"task.list\",\"status\":200,\"bytes\":1229,\"duration_ms\":4.7,\"request_id\":\"ab12\","
			+ "\"remote\":\"127.0.0.1\"}";

	@TempDir
	Path project;

	private Path log() throws Exception {
		Path log = project.resolve("storage/logs/test.log");
		Files.createDirectories(log.getParent());
		return log;
	}

	@Test
	void showsTheLastLinesWithAccessLinesFormatted() throws Exception {
		StringBuilder text = new StringBuilder();
		for (int i = 1; i <= 80; i++) {
			text.append("2026-11-22 INFO line ").append(i).append('\n');
		}
		Files.writeString(log(), text.append(ACCESS).append('\n').append("not yet finished"));
		Cli.Result result = Cli.run("runserver:logs", "--no-follow", "--lines=3", "--project-dir=" + project);
		assertThat(result.exit()).as("%s", result).isZero();
		assertThat(result.out().lines()).hasSize(3);
		assertThat(result.out().lines().toList().get(0)).isEqualTo("2026-11-22 INFO line 79");
		assertThat(result.out().lines().toList().get(2))
			.matches("\\d\\d:18:42  POST    /api/v1/ task\\.list  200   1\\.2 KB     4ms");
		assertThat(Cli.run("runserver:logs", "--no-follow", "--project-dir=" + project).out().lines())
			.as("50 lines by default")
			.hasSize(50);
	}

	@Test
	void rawPrintsAccessLinesAsStored() throws Exception {
		Files.writeString(log(), ACCESS + "\n");
		Cli.Result result = Cli.run("runserver:logs", "--no-follow", "--raw", "--project-dir=" + project);
		assertThat(result.out().strip()).isEqualTo(ACCESS);
	}

	@Test
	void anotherFileWithLog() throws Exception {
		Path other = project.resolve("elsewhere.log");
		Files.writeString(other, "one\ntwo\n");
		Cli.Result result = Cli.run("runserver:logs", "--no-follow", "--log=" + other, "--lines", "1");
		assertThat(result.out().strip()).isEqualTo("two");
	}

	@Test
	void aMissingLogSaysHowToGetOne() {
		Cli.Result result = Cli.run("runserver:logs", "--project-dir=" + project);
		assertThat(result.exit()).isOne();
		assertThat(result.err().strip()).isEqualTo("runserver:logs: there is no storage/logs/test.log yet. Start the "
				+ "server with 'test runserver --detach', or add --wait to wait for it.");
	}

	@Test
	void waitsForTheFileThenFollowsItAcrossATruncation() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		PrintStream original = System.out;
		AtomicInteger exit = new AtomicInteger(-99);
		System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
		Thread follower = new Thread(() -> exit
			.set(MoonlightCli.run(TestApplication.class, "runserver:logs", "--wait", "--project-dir=" + project)));
		try {
			follower.start();
			// The command says nothing while it waits: its thread's stack shows it.
			await("the command waits for the file").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> waitingForTheFile(follower));
			Path log = log();
			Files.writeString(log, "first\n");
			await().atMost(Duration.ofSeconds(5)).until(() -> out.toString(StandardCharsets.UTF_8).contains("first"));
			Files.writeString(log, "sec", StandardOpenOption.APPEND);
			Files.writeString(log, "ond\n" + ACCESS + "\n", StandardOpenOption.APPEND);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> out.toString(StandardCharsets.UTF_8).contains("task.list"));
			Files.writeString(log, "after truncation\n");
			await().atMost(Duration.ofSeconds(5))
				.until(() -> out.toString(StandardCharsets.UTF_8).contains("after truncation"));
		}
		finally {
			follower.interrupt();
			follower.join(5000);
			System.setOut(original);
		}
		assertThat(exit.get()).as("an interrupted follow ends normally").isZero();
		assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly("first", "second",
				out.toString(StandardCharsets.UTF_8).lines().toList().get(2), "after truncation");
		assertThat(out.toString(StandardCharsets.UTF_8).lines().toList().get(2)).contains("POST    /api/v1/ task.list");
	}

	private static boolean waitingForTheFile(Thread thread) {
		return Arrays.stream(thread.getStackTrace())
			.anyMatch((frame) -> frame.getClassName().equals(LogsCommand.class.getName())
					&& frame.getMethodName().equals("waitFor"));
	}

}
