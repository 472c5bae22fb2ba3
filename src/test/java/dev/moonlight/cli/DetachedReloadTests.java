package dev.moonlight.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code reload} of a server {@code runserver --detach} started, whose console is its
 * rolling log: one process writes the log at a time (the new one's lines follow every
 * line of the old one, and none waits beside the log once the old one has exited); a new
 * process that fails leaves its lines in the log of the old one, which serves on; and the
 * new process starts its runners (a job consumer here) before it listens for HTTP.
 */
class DetachedReloadTests {

	private static final String JOBS = "[jobs]\nENABLED = true\nPIPELINE = fast\n";

	private static final Duration BOOT = Duration.ofSeconds(150);

	@TempDir
	Path project;

	private Long oldPid;

	private Long newPid;

	@AfterEach
	void killChildren() throws Exception {
		for (Long pid : new Long[] { oldPid, newPid }) {
			Optional<ProcessHandle> child = Optional.ofNullable(pid).flatMap(ProcessHandle::of);
			if (child.isPresent() && child.get().isAlive()) {
				child.get().destroyForcibly();
				child.get().onExit().get(20, TimeUnit.SECONDS);
			}
		}
	}

	@Test
	void oneProcessWritesTheLogAtATimeAndTheNewOneListensOnceItsRunnersRun() throws Exception {
		int http = Cli.freePort();
		files(http);
		Files.writeString(project.resolve("environment/settings.ini"), JOBS);
		Cli.Result start = Cli.run("runserver", "--detach", "--start-timeout=150",
				"--moonlight.project-dir=" + project);
		oldPid = pid();
		assertThat(start.exit()).as("%s", start).isZero();
		aFailedNewProcessLeavesItsLinesInTheOldOnesLog();
		Files.writeString(project.resolve("environment/settings.ini"), JOBS);
		Cli.Result reload = Cli.run("reload", "--timeout=" + BOOT.toSeconds(), "--project-dir=" + project);
		newPid = pid();
		assertThat(reload.exit()).as("%s\n%s", reload, log()).isZero();
		assertThat(newPid).isNotEqualTo(oldPid);
		assertThat(ProcessHandle.of(oldPid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
		await().atMost(Duration.ofSeconds(30)).until(() -> log().contains("Reload: this process serves"));
		String log = log();
		int drained = log.lastIndexOf("Drained: ");
		assertThat(drained).as(log).isPositive();
		assertThat(log.indexOf("Reload: this process serves"))
			.as("the new process's lines come after the old one's last, not between them\n" + log)
			.isGreaterThan(drained);
		assertThat(waitingFiles()).as("no line waits beside the log").isEmpty();
		String newProcess = log.substring(drained);
		int runner = newProcess.indexOf("Consuming jobs of [fast]");
		assertThat(runner).as(newProcess).isNotNegative();
		assertThat(newProcess.indexOf("runner(s) started before this process listens")).as(newProcess).isNotNegative();
		assertThat(newProcess.indexOf("Netty started on port"))
			.as("the new process listens for HTTP only once its job consumer runs\n" + newProcess)
			.isGreaterThan(runner);
		Cli.Result logs = Cli.run("runserver:logs", "--no-follow", "--lines=2000", "--project-dir=" + project);
		assertThat(logs.out()).contains("Reload: this process serves", "Drained: ");
		Cli.Result stop = Cli.run("stopserver", "--project-dir=" + project);
		assertThat(stop.exit()).as("%s", stop).isZero();
	}

	/**
	 * Asked with a configuration that cannot start, the new process exits; what it
	 * printed is in the old process's log, and nothing waits beside it.
	 */
	private void aFailedNewProcessLeavesItsLinesInTheOldOnesLog() throws Exception {
		Files.writeString(project.resolve("environment/settings.ini"),
				JOBS + "[app_switches]\nv1 = com.example.NoSuchSwitch\n");
		Cli.Result failed = Cli.run("reload", "--timeout=" + BOOT.toSeconds(), "--project-dir=" + project);
		assertThat(failed.exit()).as("%s", failed).isOne();
		assertThat(pid()).isEqualTo(oldPid);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> log().contains("com.example.NoSuchSwitch") && waitingFiles().isEmpty());
	}

	private void files(int httpPort) throws Exception {
		Files.writeString(project.resolve(".rr.yaml"),
				Cli.rrYamlWithRpc(Cli.freePort(), "http:\n  address: 127.0.0.1:" + httpPort
						+ "\n  pool:\n    num_workers: 2\n"
						+ "jobs:\n  pool:\n    num_workers: 1\n  pipelines:\n    fast:\n      driver: memory\n"));
		Files.createDirectories(project.resolve("environment"));
	}

	private Long pid() throws Exception {
		Path file = project.resolve("storage/run/test.pid");
		return Files.exists(file) ? Long.valueOf(Files.readString(file).strip()) : null;
	}

	private String log() throws Exception {
		return Files.readString(project.resolve("storage/logs/test.log"), StandardCharsets.UTF_8);
	}

	private List<Path> waitingFiles() throws Exception {
		try (Stream<Path> files = Files.list(project.resolve("storage/logs"))) {
			return files.filter((file) -> file.getFileName().toString().contains(".reload-")).toList();
		}
	}

}
