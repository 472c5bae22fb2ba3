package studio.northwind.deskflow;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplicationAotProcessor;

import dev.moonlight.testing.ChildJvm;
import dev.moonlight.testing.ServerProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DeskFlow started with Spring AOT's build-time bean definitions
 * ({@code -Dspring.aot.enabled=true}), made here as the pom's {@code process-aot} makes
 * them for the jar: the bare-folder contract holds, and a boot whose settings decide a
 * condition otherwise than the build starts without them and follows its settings.
 */
class DeskFlowAotTests extends DeskFlowBareFolderContract {

	private static final String AOT_ON = "-Dspring.aot.enabled=true";

	@TempDir
	static Path build;

	private static Path generatedClasses;

	/** What the pom's process-aot execution does, into a folder of this class. */
	@BeforeAll
	static void processAheadOfTime() throws Exception {
		Path sources = build.resolve("sources");
		Path resources = build.resolve("resources");
		generatedClasses = build.resolve("classes");
		// The pom's systemPropertyVariables, as variables: the boot reads either.
		Map<String, String> production = Map.of("APP_ENV", "production", "MOONLIGHT_PROJECT_DIR",
				build.resolve("project").toString(), "MOONLIGHT_STORAGE_DIR", build.resolve("storage").toString(),
				"JWT_SECRET", "aot-build-only-not-a-secret-000000000000000000");
		ServerProcess.Finished processing = ServerProcess.runCommand(ChildJvm.packagedCommand(generatedClasses),
				SpringApplicationAotProcessor.class, build, production, Duration.ofSeconds(180),
				DeskFlowApplication.class.getName(), sources.toString(), resources.toString(),
				generatedClasses.toString(), "studio.northwind", "deskflow");
		assertThat(processing.exitCode()).as(processing.output()).isZero();
		compile(sources, generatedClasses);
		copyTree(resources, generatedClasses);
		assertThat(generatedClasses.resolve("META-INF/moonlight/aot-conditions.tsv")).isNotEmptyFile();
	}

	@Override
	Map<String, String> databaseEnvironment() {
		return Map.of();
	}

	@Override
	ServerProcess startBare(Path folder, int port, Map<String, String> environment) {
		return ServerProcess.startBare(aotJava(), DeskFlowApplication.class, folder, port, environment);
	}

	@Override
	ServerProcess.Finished runCommand(Path folder, Map<String, String> environment, String... arguments)
			throws InterruptedException {
		return ServerProcess.runCommand(aotJava(), DeskFlowApplication.class, folder, environment,
				Duration.ofSeconds(120), arguments);
	}

	@Override
	void assertBoot(String log) {
		assertThat(log).contains("Starting AOT-processed DeskFlowApplication")
			.doesNotContain("Starting without Spring AOT");
	}

	@Override
	void assertDatabaseUntouched(Path folder) {
		assertThat(folder.resolve("storage/data")).doesNotExist();
	}

	@Test
	void aSettingThatDecidesAConditionOtherwiseStartsWithoutTheBuildTimeDefinitions() throws Exception {
		// The build saw production without docs; this project turns them on.
		Files.createDirectories(this.folder.resolve("environment"));
		Files.writeString(this.folder.resolve("environment/settings.ini"), "[docs]\nENABLED = true\n");
		int port = ServerProcess.freePort();
		try (ServerProcess server = startInProduction(port, Map.of())) {
			server.awaitReady(Duration.ofSeconds(90));
			assertThat(server.log()).contains("Starting without Spring AOT's build-time bean definitions: 1 of ")
				.contains(" conditions decide otherwise than at build time, first "
						+ "dev.moonlight.docs.DocsAutoConfiguration#apiDocsLink: DocsEnabledCondition did not match "
						+ "when the jar was built, and does now: docs are enabled")
				.contains("Starting DeskFlowApplication")
				.doesNotContain("AOT-processed");
			HttpResponse<String> docs = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/docs"))
					.timeout(Duration.ofSeconds(20))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(docs.statusCode()).as("the settings' docs, not the build's").isEqualTo(200);
		}
	}

	@Test
	void aPropertyThatDecidesASpringConditionOtherwiseStartsWithoutTheBuildTimeDefinitions() throws Exception {
		// Spring's @ConditionalOnProperty on a Moonlight bean, asked on the annotations
		// the build wrote down.
		int port = ServerProcess.freePort();
		try (ServerProcess server = startInProduction(port, Map.of("MOONLIGHT_JOBS_CONSUME", "false"))) {
			server.awaitReady(Duration.ofSeconds(90));
			assertThat(server.log()).contains("Starting without Spring AOT's build-time bean definitions: 1 of ")
				.contains("first dev.moonlight.jobs.JobsAutoConfiguration$Queue#jobConsumer: OnPropertyCondition "
						+ "matched when the jar was built, and does not now")
				.doesNotContain("AOT-processed");
		}
	}

	@Test
	void anExcludedAutoConfigurationStartsWithoutTheBuildTimeDefinitions() throws Exception {
		int port = ServerProcess.freePort();
		try (ServerProcess server = startInProduction(port, Map.of("SPRING_AUTOCONFIGURE_EXCLUDE",
				"org.springframework.boot.autoconfigure.info.ProjectInfoAutoConfiguration"))) {
			server.awaitReady(Duration.ofSeconds(90));
			assertThat(server.log()).contains("Starting without Spring AOT's build-time bean definitions: "
					+ "spring.autoconfigure.exclude is [org.springframework.boot.autoconfigure.info."
					+ "ProjectInfoAutoConfiguration], the build's [org.springframework.boot.autoconfigure.task."
					+ "TaskExecutionAutoConfiguration, ");
		}
	}

	/** This folder's server in production with the jar's AOT flag, {@code more} added. */
	private ServerProcess startInProduction(int port, Map<String, String> more) {
		Map<String, String> environment = new HashMap<>(Map.of("APP_ENV", "production", "JWT_SECRET", "s".repeat(64)));
		environment.putAll(more);
		return startBare(this.folder, port, environment);
	}

	@Test
	void aCommandThatBootsWithoutAServerDoesNotTakeTheServersDefinitions() throws Exception {
		ServerProcess.Finished routes = runCommand(this.folder, Map.of("APP_ENV", "production"), "routes");
		assertThat(routes.exitCode()).as(routes.output()).isZero();
		assertThat(routes.output()).contains("task.create").contains("welcome.ping");
	}

	private static List<String> aotJava() {
		List<String> java = new ArrayList<>(ChildJvm.packagedCommand(generatedClasses));
		java.add(AOT_ON);
		return java;
	}

	private static void compile(Path sources, Path classes) throws IOException {
		List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-parameters", "-proc:none",
				"-nowarn", "-cp", ChildJvm.testClassPath()));
		try (Stream<Path> files = Files.walk(sources)) {
			files.filter((file) -> file.toString().endsWith(".java")).forEach((file) -> arguments.add(file.toString()));
		}
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		assertThat(compiler.run(null, null, null, arguments.toArray(String[]::new)))
			.as("javac of the generated sources")
			.isZero();
	}

	private static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Path target = to.resolve(from.relativize(file).toString().replace(File.separatorChar, '/'));
				Files.createDirectories(target.getParent());
				Files.copy(file, target);
			}
		}
	}

}
