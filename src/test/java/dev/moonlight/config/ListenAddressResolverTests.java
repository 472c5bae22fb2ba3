package dev.moonlight.config;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ListenAddressResolverTests {

	private static final String ALL_RUNGS_INI = "[server]\nHOST = 10.0.0.3\nPORT = 8003\n";

	private static final String ALL_RUNGS_RR = "http:\n  address: 10.0.0.4:8004\n";

	@TempDir
	Path dir;

	private TestProject project;

	@BeforeEach
	void project() {
		this.project = TestProject.in(this.dir);
	}

	@Test
	void rung1CommandLineBeatsEverything() {
		this.project.env("HOST", "10.0.0.2").env("PORT", "8002").ini(ALL_RUNGS_INI).rr(ALL_RUNGS_RR);
		assertThat(this.project.load(new CliOverrides("10.0.0.1", "8001")).listen())
			.as("--host and --port win over env, settings.ini and .rr.yaml")
			.isEqualTo(new ListenAddress("10.0.0.1", 8001));
	}

	@Test
	void rung2EnvironmentBeatsFiles() {
		this.project.dotEnv("HOST=10.0.0.2\nPORT=8002\n").ini(ALL_RUNGS_INI).rr(ALL_RUNGS_RR);
		assertThat(this.project.load().listen()).as("HOST/PORT in .env win over settings.ini and .rr.yaml")
			.isEqualTo(new ListenAddress("10.0.0.2", 8002));
	}

	@Test
	void rung2ServerPrefixedNamesAndProcessEnvironment() {
		this.project.dotEnv("SERVER_HOST=10.0.0.20\nSERVER_PORT=8020\nPORT=\n").env("SERVER_PORT", "8021");
		assertThat(this.project.load().listen()).as("SERVER_* count, a blank PORT does not, process beats .env")
			.isEqualTo(new ListenAddress("10.0.0.20", 8021));
	}

	@Test
	void rung3SettingsIniBeatsRrYamlAndRoadrunnerBeatsServer() {
		this.project.ini("[server]\nHOST = 10.0.0.30\nport = 8030\n[roadrunner]\nPORT = 8031\n").rr(ALL_RUNGS_RR);
		assertThat(this.project.load().listen()).as("[roadrunner] PORT first, then [server]; host from [server] host")
			.isEqualTo(new ListenAddress("10.0.0.30", 8031));
	}

	@ParameterizedTest(name = "http.address: {0}")
	@CsvSource({ "10.0.0.4:8004, 10.0.0.4, 8004", "':8004', 127.0.0.1, 8004", "8004, 127.0.0.1, 8004",
			"'[::1]:8004', ::1, 8004", "'[::1]', ::1, 8000", "northwind.local:0, northwind.local, 0" })
	void rung4RrYamlAddressForms(String address, String host, int port) {
		this.project.rr("http:\n  address: \"" + address + "\"\n");
		assertThat(this.project.load().listen()).as("http.address %s", address)
			.isEqualTo(new ListenAddress(host, port));
	}

	@Test
	void rung5DefaultIsLoopback8000() {
		assertThat(this.project.load().listen()).isEqualTo(new ListenAddress("127.0.0.1", 8000));
		assertThat(this.project.load().listen().hostPort()).isEqualTo("127.0.0.1:8000");
	}

	@Test
	void hostAndPortResolveIndependently() {
		this.project.ini("[server]\nHOST = 0.0.0.0\nPORT = 8003\n").rr(ALL_RUNGS_RR);
		assertThat(this.project.load(new CliOverrides(null, "9000")).listen())
			.as("--port from the command line, host from settings.ini")
			.isEqualTo(new ListenAddress("0.0.0.0", 9000));
		this.project.ini("; no server section\n").env("HOST", "10.0.0.2");
		assertThat(this.project.load().listen()).as("host from env, port from .rr.yaml")
			.isEqualTo(new ListenAddress("10.0.0.2", 8004));
	}

	@Test
	void commandLineHostMayEmbedAPort() {
		this.project.dotEnv("PORT=8002\n");
		assertThat(this.project.load(new CliOverrides("0.0.0.0:9100", null)).listen())
			.isEqualTo(new ListenAddress("0.0.0.0", 9100));
		assertThat(this.project.load(new CliOverrides("[::1]:9101", null)).listen().hostPort()).isEqualTo("[::1]:9101");
		assertThat(this.project.load(new CliOverrides("::1", null)).listen()).as("a bare IPv6 host carries no port")
			.isEqualTo(new ListenAddress("::1", 8002));
		assertThat(this.project.load(new CliOverrides("0.0.0.0:9100", "9200")).listen().port())
			.as("an explicit --port beats the port inside --host")
			.isEqualTo(9200);
	}

	@Test
	void badCommandLinePortNamesTheOption() {
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> this.project.load(new CliOverrides(null, "http")))
			.withMessage("command line: --port = \"http\": Port must be a whole number between 0 and 65535.");
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> this.project.load(new CliOverrides("localhost:70000", null)))
			.withMessage(
					"command line: --host = \"localhost:70000\": Port must be a whole number between 0 and 65535.");
	}

	@Test
	void outOfRangeSettingsPortNamesFileLineAndKey() {
		this.project.ini("[server]\n\nPORT = 99999\n");
		this.project.failsToLoad()
			.withMessage("environment/settings.ini:3: [server] PORT = \"99999\": "
					+ "Port must be a whole number between 0 and 65535.");
	}

	@Test
	void badEnvironmentPortNamesTheVariable() {
		this.project.dotEnv("# port\nPORT=80a\n");
		this.project.failsToLoad().withMessageStartingWith("environment/.env:2: PORT = \"80a\": Port must be");
		this.project.env("PORT", "-1");
		this.project.failsToLoad().withMessageStartingWith("process environment: PORT = \"-1\": Port must be");
	}

	@Test
	void badValueOnALowerRungDoesNotMatterWhenAHigherOneWins() {
		this.project.ini("[server]\nPORT = abc\nHOST = bad host\n").rr("http:\n  address: nowhere:xyz\n");
		assertThat(this.project.load(new CliOverrides("127.0.0.1", "8001")).listen())
			.isEqualTo(new ListenAddress("127.0.0.1", 8001));
	}

	@Test
	void invalidHostIsRejected() {
		this.project.ini("[server]\nHOST = bad host\n");
		this.project.failsToLoad()
			.withMessage(
					"environment/settings.ini:2: [server] HOST = \"bad host\": Host must be a host name or an IP address.");
	}

	@Test
	void malformedBracketAddressIsRejected() {
		this.project.rr("http:\n  address: \"[::1:8000\"\n");
		this.project.failsToLoad()
			.withMessage(
					".rr.yaml:2: http.address = \"[::1:8000\": Address must look like host:port, :port, port or [ipv6]:port.");
	}

}
