package dev.moonlight.config;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DotEnvTests {

	private final DotEnv full = DotEnv.parse(TestProject.resource("env-full.env"));

	@Test
	void readsPlainExportedAndSpacedAssignments() {
		assertThat(this.full.entries().keySet()).as("variables in file order")
			.containsExactly("APP_NAME", "PORT", "DEBUG", "JWT_SECRET", "LITERAL", "URL", "EMPTY", "SPACED");
		assertThat(value("PORT")).as("export prefix is dropped").isEqualTo("8200");
		assertThat(value("DEBUG")).as("spaces around = are allowed").isEqualTo("true");
		assertThat(value("SPACED")).isEqualTo("hello world");
		assertThat(value("EMPTY")).isEmpty();
	}

	@Test
	void doubleQuotesUnderstandEscapesAndSingleQuotesAreLiteral() {
		assertThat(value("JWT_SECRET")).isEqualTo("line1\nline2 \"quoted\"");
		assertThat(value("LITERAL")).isEqualTo("no\\nescape");
	}

	@Test
	void hashStartsACommentOnlyAfterWhitespace() {
		assertThat(value("URL")).as("a # inside the URL is kept, the one after a space starts a comment")
			.isEqualTo("https://northwind.studio/#board");
	}

	@Test
	void remembersTheLineOfEveryValue() {
		assertThat(this.full.get("JWT_SECRET")).get()
			.extracting(ConfigValue::origin)
			.isEqualTo(new Origin(DotEnv.FILE, 6, "JWT_SECRET"));
	}

	@Test
	void malformedLineNamesFileLineAndText() {
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> DotEnv.parse(TestProject.resource("env-bad-line.env")))
			.withMessage("environment/.env:3: \"just some words\": Expected KEY=value or a # comment.");
	}

	@Test
	void invalidNameIsRejected() {
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> DotEnv.parse("# ok\n1PORT=8000\n"))
			.withMessageStartingWith("environment/.env:2: \"1PORT=8000\": Invalid variable name");
	}

	@Test
	void unclosedQuoteNamesLineAndKey() {
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> DotEnv.parse("JWT_SECRET=\"abc\n"))
			.withMessage("environment/.env:1: JWT_SECRET = \"\"abc\": Unclosed quote; close it on the same line.");
	}

	@Test
	void processEnvironmentWinsOverDotEnv() {
		ProjectFiles files = new ProjectFiles(IniDocument.empty(), DotEnv.parse("JWT_SECRET=from-file\nAPP_KEY=k\n"),
				RrYaml.empty());
		Map<String, String> process = Map.of("JWT_SECRET", "from-process");
		assertThat(files.env("JWT_SECRET", process::get)).get()
			.as("the real environment overrides .env")
			.isEqualTo(new ConfigValue("from-process", Origin.processEnvironment("JWT_SECRET")));
		assertThat(files.env("APP_KEY", process::get)).get()
			.extracting(ConfigValue::origin)
			.as(".env fills in what the process does not set")
			.isEqualTo(new Origin(DotEnv.FILE, 2, "APP_KEY"));
		assertThat(files.env("NOPE", process::get)).isEmpty();
	}

	@Test
	void processEnvironmentWinsOverDotEnvWhenLoading(@TempDir Path dir) {
		MoonlightSettings settings = TestProject.in(dir)
			.dotEnv("APP_NAME=from-file\n")
			.env("APP_NAME", "from-process")
			.load();
		assertThat(settings.app().name()).isEqualTo("from-process");
	}

	private String value(String name) {
		return this.full.get(name).orElseThrow().value();
	}

}
