package dev.moonlight.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.moonlight.testapp.TestApplication;
import picocli.CommandLine.Option;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code runserver} in the foreground, in this JVM: the start banner, the access log it
 * turns on, and {@code stopserver} ending it (also when an assertion failed, so no server
 * outlives its test).
 */
class RunServerCommandTests {

	private static final Pattern ADDRESS = Pattern.compile("address\\s+(http://127\\.0\\.0\\.1:\\d+)");

	@TempDir
	Path project;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	@Test
	void onlySpringPropertiesServeWithoutTheCommandLineAndEverythingElseGoesToIt() {
		assertThat(RunServerCommand.withOnlySpringArguments(TestApplication.class, "test")).isPresent();
		assertThat(RunServerCommand.withOnlySpringArguments(TestApplication.class, "test", "--moonlight.access-log=off",
				"--spring.main.banner-mode=off"))
			.isPresent();
		for (String other : new String[] { "runserver", "--port=8080", "--mode=jobs", "--host", "-d", "--help",
				"--debug=true", "routes", "moonlight.x=1" }) {
			assertThat(RunServerCommand.withOnlySpringArguments(TestApplication.class, "test",
					"--moonlight.access-log=off", other))
				.as(other)
				.isEmpty();
		}
		// What keeps the rule exact: none of runserver's own options has a dot in its
		// name.
		assertThat(Arrays.stream(RunServerCommand.class.getDeclaredFields())
			.map((field) -> field.getAnnotation(Option.class))
			.filter(Objects::nonNull)
			.flatMap((option) -> Arrays.stream(option.names()))).isNotEmpty().noneMatch((name) -> name.contains("."));
	}

	@Test
	void withOnlySpringPropertiesABootThatFailsSaysWhyAndExitsWith1() throws Exception {
		Files.writeString(project.resolve(".rr.yaml"), "logs:\n  mode: verbose\n");
		Cli.Result result = Cli.run("--moonlight.project-dir=" + project, "--server.port=0");
		assertThat(result.exit()).as("%s", result).isEqualTo(1);
		assertThat(result.out() + result.err()).contains("logs.mode")
			.contains("Use development, production, raw or none.");
	}

	private String serve(String... options) throws Exception {
		int rpc = Cli.freePort();
		Files.writeString(project.resolve(".rr.yaml"), Cli.rrYamlWithRpc(rpc, "http:\n  pool:\n    num_workers: 3\n"
				+ "    max_queue_size: 64\n" + "    max_jobs: 500\n    supervisor:\n      idle_ttl: 5m\n"));
		PrintStream original = System.out;
		System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
		try {
			String[] args = new String[options.length + 3];
			args[0] = "runserver";
			args[1] = "--port=0";
			args[2] = "--moonlight.project-dir=" + project;
			System.arraycopy(options, 0, args, 3, options.length);
			assertThat(MoonlightCli.run(TestApplication.class, args)).as("the server keeps running")
				.isEqualTo(RunServerCommand.SERVING);
		}
		finally {
			System.setOut(original);
		}
		return "tcp://127.0.0.1:" + rpc;
	}

	private String printed() {
		return out.toString(StandardCharsets.UTF_8);
	}

	private void stop() {
		Cli.Result stop = Cli.run("stopserver", "--project-dir=" + project);
		assertThat(stop.exit()).as("%s", stop).isZero();
	}

	@Test
	void theBannerSaysWhatServesAndTheAccessLogIsFormatted() throws Exception {
		try {
			String rpc = serve();
			assertThat(printed()).contains("test is serving (pid " + ProcessHandle.current().pid() + ")",
					"  TLS          off", "  HTTP/2       off",
					"  workers      3 (queue 64, allocate_timeout 60s, max_jobs 500, idle_ttl 300s)",
					"  database     H2 (embedded) jdbc:h2:file:" + project.resolve("storage/data"),
					"  maintenance  off", "  admin RPC    " + rpc, "Press Ctrl+C to stop.");
			Matcher address = ADDRESS.matcher(printed());
			assertThat(address.find()).as("the address line: %s", printed()).isTrue();
			assertThat(get(address.group(1) + "/api/v1/ping")).isEqualTo(200);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> printed().lines()
					.anyMatch((line) -> line.matches("\\d\\d:\\d\\d:\\d\\d  GET     /api/v1/ping  200 .*ms")));
		}
		finally {
			stop();
		}
	}

	@Test
	void rawWritesJsonAccessLinesAndTheBannerShowsMaintenance() throws Exception {
		Files.createDirectories(project.resolve("environment"));
		Files.writeString(project.resolve("environment/settings.ini"),
				"[maintenance]\nENABLED = true\nMESSAGE = Back soon\n");
		try {
			serve("--raw");
			assertThat(printed()).contains("  maintenance  ON: every request gets 503 \"Back soon\"");
			Matcher address = ADDRESS.matcher(printed());
			assertThat(address.find()).isTrue();
			assertThat(get(address.group(1) + "/health")).isEqualTo(200);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> printed()
					.contains("\"method\":\"GET\",\"path\":\"/health\",\"action\":null,\"status\":200"));
		}
		finally {
			stop();
		}
	}

	private static int get(String url) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

}
