package dev.moonlight.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RrYamlTests {

	private static final Function<String, String> NO_ENV = (name) -> null;

	@Test
	void expandsVariablesAndDefaults() {
		Map<String, String> env = Map.of("HTTP_HOST_IP", "10.0.0.5", "HTTP_PORT", "8400", "WORKERS", "3");
		RrYaml rr = RrYaml.parse(TestProject.resource("rr-expansion.yaml"), env::get);
		assertThat(rr.getString("http.address", null)).isEqualTo("10.0.0.5:8400");
		assertThat(rr.getString("rpc.listen", null)).as("${RPC_PORT:-6001} falls back to its default")
			.isEqualTo("tcp://127.0.0.1:6001");
		assertThat(rr.list("http.middleware")).extracting(ConfigValue::value)
			.as("expansion applies inside lists too")
			.containsExactly("gzip", "headers");
		assertThat(rr.get("logs.level")).get()
			.extracting(ConfigValue::value)
			.as("an unset variable without default becomes empty, as in RoadRunner")
			.isEqualTo("");
		assertThat(rr.get("http.pool.num_workers")).get()
			.isEqualTo(new ConfigValue("3", new Origin(RrYaml.FILE, 8, "http.pool.num_workers")));
	}

	@Test
	void defaultAlsoReplacesAnEmptyVariable() {
		assertThat(EnvExpander.expand("${A:-x}", Map.of("A", "")::get)).isEqualTo("x");
		assertThat(EnvExpander.expand("${A}-${B:-}", Map.of("A", "1")::get)).isEqualTo("1-");
		assertThat(EnvExpander.expand("cost $5 ${not valid} ${OPEN", NO_ENV)).as("text that is not ${NAME} stays")
			.isEqualTo("cost $5 ${not valid} ${OPEN");
	}

	@Test
	void valueWithoutDollarIsReturnedUntouched() {
		String value = "127.0.0.1:8000";
		assertThat(EnvExpander.expand(value, NO_ENV)).as("no copy is made when there is nothing to expand")
			.isSameAs(value);
	}

	@Test
	void processEnvironmentWinsOverDotEnvInExpansion(@TempDir Path dir) {
		MoonlightSettings settings = TestProject.in(dir)
			.dotEnv("HTTP_PORT=8500\nHTTP_HOST_IP=10.1.1.1\n")
			.env("HTTP_PORT", "8600")
			.rr(TestProject.resource("rr-expansion.yaml"))
			.load();
		assertThat(settings.listen()).isEqualTo(new ListenAddress("10.1.1.1", 8600));
	}

	@Test
	void malformedYamlNamesLineAndProblem() {
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> RrYaml.parse(TestProject.resource("rr-bad.yaml"), NO_ENV))
			.withMessageStartingWith(".rr.yaml:6: Invalid YAML: ")
			.satisfies((ex) -> assertThat(ex.origin().line()).isEqualTo(6))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("\n"));
	}

	@Test
	void secondDocumentIsRejectedWithItsContext() {
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> RrYaml.parse("http: {}\n---\nrpc: {}\n", NO_ENV))
			.withMessage(
					".rr.yaml:2: Invalid YAML: expected a single document in the stream but found another document.");
	}

	@Test
	void aliasThatContainsItselfIsRejected() {
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> RrYaml.parse("a: &x [*x]\n", NO_ENV))
			.withMessageStartingWith(".rr.yaml:1: Nesting is deeper than 64 levels");
	}

	@Test
	void dottedShortKeysLandOnTheFullPath() {
		RrYaml rr = RrYaml.parse(TestProject.resource("rr-dotted-keys.yaml"), NO_ENV);
		assertThat(rr.get("http.pool.num_workers")).get()
			.isEqualTo(new ConfigValue("3", new Origin(RrYaml.FILE, 4, "http.pool.num_workers")));
		assertThat(rr.get("http.http2.h2c")).get().extracting(ConfigValue::value).isEqualTo("true");
		assertThat(rr.has("http.pool")).as("the section exists through its dotted keys").isTrue();
		assertThat(rr.childNames("http")).containsExactly("address", "pool", "http2");
	}

	@Test
	void keysAreCaseInsensitiveAsInRoadRunner() {
		RrYaml rr = RrYaml.parse("HTTP:\n  Address: 127.0.0.1:9000\n", NO_ENV);
		assertThat(rr.getString("http.address", null)).isEqualTo("127.0.0.1:9000");
		assertThat(rr.getString("HTTP.ADDRESS", null)).isEqualTo("127.0.0.1:9000");
	}

	@Test
	void sectionsScalarsAndListsAreDistinguished() {
		RrYaml rr = RrYaml.parse("status:\njobs:\n  consume: [a, b]\n  pipelines:\n    a: {driver: memory}\n"
				+ "    b: {driver: memory}\n", NO_ENV);
		assertThat(rr.has("status")).as("an empty section still enables its plugin").isTrue();
		assertThat(rr.get("status")).get().extracting(ConfigValue::value).isEqualTo("");
		assertThat(rr.has("metrics")).isFalse();
		assertThat(rr.childNames("jobs.pipelines")).containsExactly("a", "b");
		assertThat(rr.list("jobs.consume")).extracting(ConfigValue::value).containsExactly("a", "b");
		assertThat(rr.origin("jobs.pipelines.b")).isEqualTo(new Origin(RrYaml.FILE, 6, "jobs.pipelines.b"));
		assertThat(rr.get("jobs.pipelines")).as("a mapping is not a scalar").isEmpty();
	}

	@Test
	void mergeKeysBringDefaultsThatOwnKeysOverride() {
		RrYaml rr = RrYaml.parse(
				"defaults: &d {num_workers: 2, max_jobs: 0}\nhttp:\n  pool:\n    num_workers: 5\n" + "    <<: *d\n",
				NO_ENV);
		assertThat(rr.getString("http.pool.num_workers", null)).isEqualTo("5");
		assertThat(rr.getString("http.pool.max_jobs", null)).isEqualTo("0");
	}

	@Test
	void emptyFileHasNoSections() {
		assertThat(RrYaml.parse("# nothing yet\n", NO_ENV).has("http")).isFalse();
	}

	@Test
	void fileThatIsNotAMappingIsRejected() {
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> RrYaml.parse("- http\n- rpc\n", NO_ENV))
			.withMessage(".rr.yaml:1: The file must be a mapping of sections such as http: and rpc:.");
	}

	@Test
	void nonNumericPortInAddressNamesFileLineAndKey(@TempDir Path dir) {
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> TestProject.in(dir).rr(TestProject.resource("rr-bad-port.yaml")).load())
			.withMessage(
					".rr.yaml:4: http.address = \"127.0.0.1:eighty\": Port must be a whole number between 0 and 65535.");
	}

	@Test
	void unknownDurationFormatNamesKeyAndLine(@TempDir Path dir) {
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> TestProject.in(dir).rr(TestProject.resource("rr-bad-duration.yaml")).load())
			.withMessage(".rr.yaml:6: http.pool.allocate_timeout = \"ten seconds\": "
					+ "Unknown duration format; use Go durations such as 500ms, 60s, 1m.");
	}

}
