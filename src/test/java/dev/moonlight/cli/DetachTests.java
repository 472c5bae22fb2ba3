package dev.moonlight.cli;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code runserver --detach} with a real child JVM, then {@code runserver:logs} and
 * {@code stopserver}. Every child this class starts is killed by its pid in
 * {@link #killChild()}, also when an assertion failed halfway.
 */
class DetachTests {

	@TempDir
	Path project;

	private Long childPid;

	@AfterEach
	void killChild() throws Exception {
		Optional<ProcessHandle> child = Optional.ofNullable(childPid).flatMap(ProcessHandle::of);
		if (child.isPresent() && child.get().isAlive()) {
			child.get().destroyForcibly();
			child.get().onExit().get(20, TimeUnit.SECONDS);
		}
	}

	private String projectArg() {
		return "--moonlight.project-dir=" + project;
	}

	private void files(int httpPort, int rpcPort, String settings) throws Exception {
		Files.writeString(project.resolve(".rr.yaml"), Cli.rrYamlWithRpc(rpcPort,
				"http:\n  address: 127.0.0.1:" + httpPort + "\n  pool:\n    num_workers: 2\n"));
		Files.createDirectories(project.resolve("environment"));
		Files.writeString(project.resolve("environment/settings.ini"), settings);
	}

	private Path pidFile() {
		return project.resolve("storage/run/test.pid");
	}

	@Test
	void detachServesInTheBackgroundUntilStopserver() throws Exception {
		int http = Cli.freePort();
		files(http, Cli.freePort(), "");
		String address = "http://127.0.0.1:" + http;
		start(address);
		secondStartIsRefused();
		logsShowTheAccessLineFormattedOrRaw(address);
		Cli.Result stop = Cli.run("stopserver", "--project-dir=" + project);
		assertThat(stop.exit()).as("%s", stop).isZero();
		assertThat(stop.out()).contains("Stopping " + address + " (pid " + childPid + ")...", "Stopped.");
		assertThat(ProcessHandle.of(childPid).map(ProcessHandle::isAlive)).as("the child exited")
			.isNotEqualTo(Optional.of(true));
		assertThat(pidFile()).doesNotExist();
		Cli.Result none = Cli.run("stopserver", "--project-dir=" + project);
		assertThat(none.exit()).isOne();
		assertThat(none.err()).contains("No server is running");
	}

	/**
	 * The commands find a server whose RPC bound port 0 through the address file it
	 * writes; rpc.listen in .rr.yaml names a port where nothing listens.
	 */
	@Test
	void anRpcOnPortZeroIsFoundThroughTheAddressFileItWrites() throws Exception {
		int http = Cli.freePort();
		files(http, Cli.freePort(), "");
		String address = "http://127.0.0.1:" + http;
		Cli.Result start = Cli.run("runserver", "--detach", "--start-timeout=150", projectArg(),
				"--moonlight.rpc.listen=tcp://127.0.0.1:0");
		childPid = Files.exists(pidFile()) ? Long.parseLong(Files.readString(pidFile()).strip()) : null;
		assertThat(start.exit()).as("%s", start).isZero();
		assertThat(start.out()).contains("Serving " + address + " in the background (pid " + childPid + ").");
		Path addressFile = project.resolve("storage/run/rpc.address");
		assertThat(Files.readString(addressFile)).as("the bound port, not 0")
			.matches("address=tcp://127\\.0\\.0\\.1:[1-9]\\d*\npid=" + childPid + "\n");
		Cli.Result workers = Cli.run("workers", "--project-dir=" + project);
		assertThat(workers.exit()).as("%s", workers).isZero();
		assertThat(workers.out()).containsPattern("(?m)^WORKER\\s+THREAD\\s+STATE");
		Cli.Result stop = Cli.run("stopserver", "--project-dir=" + project);
		assertThat(stop.exit()).as("%s", stop).isZero();
		assertThat(stop.out()).contains("Stopping " + address + " (pid " + childPid + ")...", "Stopped.");
		assertThat(addressFile).as("deleted as the server stopped").doesNotExist();
		Cli.Result none = Cli.run("stopserver", "--project-dir=" + project);
		assertThat(none.err()).as("%s", none).contains("No server is running");
	}

	private void start(String address) throws Exception {
		Cli.Result start = Cli.run("runserver", "--detach", "--start-timeout=150", projectArg());
		childPid = Files.exists(pidFile()) ? Long.parseLong(Files.readString(pidFile()).strip()) : null;
		assertThat(start.exit()).as("%s", start).isZero();
		assertThat(childPid).as("the pid file names the child").isNotNull().isNotEqualTo(ProcessHandle.current().pid());
		assertThat(start.out()).contains("Serving " + address + " in the background (pid " + childPid + ").",
				"log:  storage/logs/test.log", "pid:  storage/run/test.pid");
		assertThat(get(address + "/health")).as("it answers once runserver returned").isEqualTo(200);
	}

	private void secondStartIsRefused() {
		Cli.Result second = Cli.run("runserver", "--detach", projectArg());
		assertThat(second.exit()).as("%s", second).isOne();
		assertThat(second.err()).contains("The server is already running (pid " + childPid + ", storage/run/test.pid). "
				+ "Stop it with 'test stopserver'");
	}

	private void logsShowTheAccessLineFormattedOrRaw(String address) throws Exception {
		assertThat(get(address + "/api/v1/ping")).isEqualTo(200);
		Path log = project.resolve("storage/logs/test.log");
		await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).contains("\"path\":\"/api/v1/ping\""));
		assertThat(Files.readString(log)).as("the banner goes to the log")
			.contains("is serving (pid " + childPid + ")")
			.as("no terminal to press Ctrl+C in")
			.doesNotContain("Ctrl+C");
		assertThat(project.resolve("storage/logs/test.out")).as("the JVM printed nothing before its log took over")
			.isEmptyFile();
		Cli.Result logs = Cli.run("runserver:logs", "--no-follow", "--lines=400", "--project-dir=" + project);
		assertThat(logs.exit()).as("%s", logs).isZero();
		assertThat(logs.out()).as("access lines are shown formatted")
			.containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d  GET     /api/v1/ping  200 ");
		Cli.Result raw = Cli.run("runserver:logs", "--no-follow", "--raw", "--project-dir=" + project);
		assertThat(raw.out())
			.containsPattern("(?m)^\\{\"time\":\"[^\"]+\",\"method\":\"GET\",\"path\":\"/api/v1/ping\"");
	}

	@Test
	void aChildThatFailsToBootIsReportedWithTheEndOfItsLog() throws Exception {
		files(Cli.freePort(), Cli.freePort(), "[app_switches]\nv1 = com.example.NoSuchSwitch\n");
		Cli.Result start = Cli.run("runserver", "--detach", "--start-timeout=150", projectArg());
		assertThat(start.exit()).as("%s", start).isOne();
		assertThat(start.err()).contains(
				"The server stopped while starting (exit code 1). The end of storage/logs/test.log:",
				"com.example.NoSuchSwitch");
		assertThat(pidFile()).as("no pid file is left behind").doesNotExist();
	}

	@Test
	void aTakenPortIsRefusedBeforeAnythingStarts() throws Exception {
		try (ServerSocket taken = new ServerSocket(0)) {
			files(taken.getLocalPort(), Cli.freePort(), "");
			Cli.Result start = Cli.run("runserver", "--detach", projectArg());
			assertThat(start.exit()).as("%s", start).isOne();
			assertThat(start.err().strip())
				.isEqualTo("127.0.0.1:" + taken.getLocalPort() + " is already in use by another "
						+ "program; stop it, or choose another address with --port or --host.");
			assertThat(pidFile()).doesNotExist();
		}
	}

	@Test
	void stopserverRemovesAStalePidFile() throws Exception {
		files(Cli.freePort(), Cli.freePort(), "");
		Files.createDirectories(pidFile().getParent());
		Files.writeString(pidFile(), "2147483000\n");
		Cli.Result stop = Cli.run("stopserver", "--project-dir=" + project);
		assertThat(stop.exit()).isOne();
		assertThat(stop.err()).contains("No server is running",
				"storage/run/test.pid named a process that is gone (removed it)");
		assertThat(pidFile()).doesNotExist();
	}

	private static int get(String url) throws Exception {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		return client
			.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

}
