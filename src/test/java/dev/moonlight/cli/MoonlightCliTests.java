package dev.moonlight.cli;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.moonlight.docs.CatalogJson;
import dev.moonlight.testapp.TestApplication;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line in-process: {@code routes} / {@code api:catalog}, the root help, and
 * the runserver default.
 */
class MoonlightCliTests {

	@TempDir
	Path project;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private PrintStream originalOut;

	private PrintStream originalErr;

	@BeforeEach
	void capture() {
		originalOut = System.out;
		originalErr = System.err;
		System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
	}

	@AfterEach
	void restore() {
		System.setOut(originalOut);
		System.setErr(originalErr);
	}

	private int run(String... args) {
		return MoonlightCli.run(TestApplication.class, args);
	}

	private String projectDir() {
		return "--moonlight.project-dir=" + project;
	}

	private String stdout() {
		return out.toString(StandardCharsets.UTF_8);
	}

	private String stderr() {
		return err.toString(StandardCharsets.UTF_8);
	}

	@Test
	void everyVersionLineIsTheBuildsVersion() throws Exception {
		Properties build = new Properties();
		try (InputStream in = MoonlightCli.class.getResourceAsStream("version.properties")) {
			build.load(in);
		}
		String version = build.getProperty("version");
		assertThat(version).as("filtered by the build").doesNotContain("@").isNotBlank();
		assertThat(run("--version")).isZero();
		assertThat(run("reload", "--version")).isZero();
		assertThat(run("runserver:logs", "--version")).isZero();
		assertThat(stdout()).isEqualTo(String.join(System.lineSeparator(), "Moonlight " + version,
				"Moonlight reload " + version, "Moonlight runserver:logs " + version, ""));
	}

	@Test
	void routesPrintsOneRowPerActionWithItsAuthAndParameters() {
		assertThat(run("routes", projectDir())).as("stderr: %s", stderr()).isZero();
		String table = stdout();
		assertThat(table.lines().findFirst())
			.hasValueSatisfying((heading) -> assertThat(heading).matches("VERSION\\s+ACTION\\s+AUTH\\s+PARAMETERS"));
		assertThat(table).as("nothing but the table on stdout: no banner, no log lines")
			.doesNotContain("Spring", "INFO");
		assertThat(table.lines()).anyMatch((row) -> row.matches(
				"v1\\s+notes\\.create\\s+public\\s+title\\*:string, priority:integer, due_date:string, author_name\\*:string"));
		assertThat(table.lines())
			.anyMatch((row) -> row.matches("v1\\s+reports\\.read\\s+login, all of reports\\.read\\s+.*"));
		assertThat(table.lines()).anyMatch(
				(row) -> row.matches("v1\\s+reports\\.purge\\s+login, any of reports\\.admin\\|reports\\.owner\\s+-"));
		assertThat(table.lines())
			.anyMatch((row) -> row.matches("v1\\s+notes\\.echo\\s+public\\s+\\(free-form object\\)"));
	}

	@Test
	void apiCatalogPrintsJsonForOneVersion() {
		assertThat(run("api:catalog", "--json", "--version", "v1", projectDir())).as("stderr: %s", stderr()).isZero();
		JsonNode versions = CatalogJson.parse(stdout());
		assertThat(versions.isArray()).isTrue();
		assertThat(versions.size()).isOne();
		assertThat(versions.get(0).path("version").asString()).isEqualTo("v1");
		assertThat(versions.get(0).path("services").findValuesAsString("service")).contains("notes", "reports");
	}

	@Test
	void anUnknownVersionIsAUsageError() {
		assertThat(run("routes", "--version", "v9", projectDir())).isEqualTo(2);
		assertThat(stderr()).contains("routes: no API version 'v9'. Versions: v1.");
	}

	@Test
	void wrongArgumentsPrintTheUsageAndExit2() {
		assertThat(run("routes", "stray")).isEqualTo(2);
		assertThat(stderr()).contains("Unknown argument 'stray'").contains("Usage:").contains("--json");
		err.reset();
		assertThat(run("routes", "--version")).as("--version needs a value").isEqualTo(2);
		assertThat(stderr()).contains("Usage:");
	}

	@Test
	void theRootHelpListsTheCommands() {
		assertThat(run("--help")).isZero();
		assertThat(stdout()).contains("runserver").contains("routes, api:catalog");
	}

	@Test
	void withoutACommandTheArgumentsGoToRunserver() {
		assertThat(run("stray")).isEqualTo(2);
		assertThat(stderr()).contains("runserver: unknown argument 'stray'");
		err.reset();
		assertThat(run("runserver", "--help")).isZero();
		assertThat(stdout()).contains("--port");
	}

}
