package dev.moonlight.tcp;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.moonlight.config.ConfigException;
import dev.moonlight.config.ConfigNotice;
import dev.moonlight.config.RrYaml;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code tcp} in .rr.yaml: defaults, RoadRunner's forms, and errors naming the server,
 * key and line.
 */
class TcpSectionTests {

	private final List<ConfigNotice> notices = new ArrayList<>();

	private TcpSection read(String yaml) {
		return read(yaml, Map.of());
	}

	private TcpSection read(String yaml, Map<String, String> env) {
		return new TcpSectionReader(RrYaml.parse(yaml, env::get), notices::add).read();
	}

	@Test
	void noTcpSectionMeansNoServers() {
		assertThat(read("http:\n  address: 127.0.0.1:8000\n").enabled()).isFalse();
	}

	@Test
	void roadRunnersFormGetsTheDefaults() {
		TcpSection section = read("""
				tcp:
				  servers:
				    smtp:
				      addr: tcp://127.0.0.1:1025
				      delimiter: "\\r\\n"
				    server2:
				      addr: 127.0.0.1:8889
				  pool:
				    num_workers: 2
				    max_jobs: 0
				""");
		assertThat(section.servers()).extracting(TcpServerSection::name).containsExactly("smtp", "server2");
		TcpServerSection smtp = section.servers().get(0);
		assertThat(smtp.host()).isEqualTo("127.0.0.1");
		assertThat(smtp.port()).isEqualTo(1025);
		assertThat(new String(smtp.delimiter(), StandardCharsets.UTF_8)).isEqualTo("\r\n");
		assertThat(smtp.readBufferBytes()).isEqualTo(1024 * 1024);
		assertThat(smtp.maxFrameSize()).isEqualTo(1024 * 1024);
		assertThat(smtp.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
		assertThat(smtp.maxConnections()).isEqualTo(1024);
		assertThat(section.servers().get(1).port()).isEqualTo(8889);
		assertThat(section.pool().numWorkers()).isEqualTo(2);
	}

	@Test
	void limitsAndEscapedDelimitersAreRead() {
		TcpServerSection server = read("""
				tcp:
				  read_buf_size: 2
				  servers:
				    lines:
				      addr: tcp://[::1]:7070
				      delimiter: '\\n'
				      max_frame_size: 4096
				      idle_timeout: 30s
				      max_connections: 10
				""").servers().get(0);
		assertThat(server.host()).isEqualTo("::1");
		assertThat(server.delimiter()).containsExactly('\n');
		assertThat(server.readBufferBytes()).isEqualTo(2 * 1024 * 1024);
		assertThat(server.maxFrameSize()).isEqualTo(4096);
		assertThat(server.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(server.maxConnections()).isEqualTo(10);
	}

	@Test
	void anEmptyAddrSkipsTheServerSoAVariableCanSwitchItOn() {
		String yaml = "tcp:\n  servers:\n    lines:\n      addr: ${LINES_ADDR:-}\n";
		assertThat(read(yaml).servers()).isEmpty();
		assertThat(notices).anySatisfy((notice) -> assertThat(notice.message())
			.isEqualTo("tcp.servers.lines.addr is empty; the server is not started."));
		assertThat(read(yaml, Map.of("LINES_ADDR", "tcp://127.0.0.1:0")).servers()).hasSize(1);
	}

	@Test
	void badValuesNameTheServerKeyAndLine() {
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> read("tcp:\n  servers:\n    smtp:\n      delimiter: x\n"))
			.withMessage(".rr.yaml:3: tcp.servers.smtp.addr: Every TCP server needs an address, such as "
					+ "tcp://127.0.0.1:7070.");
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> read("tcp:\n  servers:\n    smtp:\n      addr: http://127.0.0.1:25\n"))
			.withMessage(".rr.yaml:4: tcp.servers.smtp.addr = \"http://127.0.0.1:25\": Expected tcp://host:port, "
					+ "such as tcp://127.0.0.1:7070.");
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> read("tcp:\n  servers:\n    smtp:\n      addr: tcp://127.0.0.1:99999\n"))
			.withMessageStartingWith(".rr.yaml:4: tcp.servers.smtp.addr");
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> read("tcp:\n  servers:\n    smtp:\n      addr: tcp://127.0.0.1:0\n      delimiter: ''\n"))
			.withMessageStartingWith(".rr.yaml:5: tcp.servers.smtp.delimiter");
		assertThatExceptionOfType(ConfigException.class).isThrownBy(
				() -> read("tcp:\n  servers:\n    smtp:\n      addr: tcp://127.0.0.1:0\n      max_frame_size: big\n"))
			.withMessageStartingWith(".rr.yaml:5: tcp.servers.smtp.max_frame_size = \"big\"");
		assertThatExceptionOfType(ConfigException.class).isThrownBy(
				() -> read("tcp:\n  servers:\n    smtp:\n      addr: tcp://127.0.0.1:0\n      idle_timeout: soon\n"))
			.withMessageStartingWith(".rr.yaml:5: tcp.servers.smtp.idle_timeout = \"soon\"");
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> read("tcp:\n  pool:\n    num_workers: 2\n"))
			.withMessageStartingWith(".rr.yaml:1: tcp: The tcp section needs at least one server");
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> read("tcp:\n  servers:\n    a:\n      addr: tcp://127.0.0.1:7070\n    b:\n"
					+ "      addr: tcp://127.0.0.1:7070\n"))
			.withMessage(".rr.yaml:6: tcp.servers.b.addr = \"127.0.0.1:7070\": The server a already listens on this "
					+ "address; give each server its own port.");
	}

	@Test
	void unknownKeysAreReportedNotFatal() {
		read("tcp:\n  servers:\n    smtp:\n      addr: tcp://127.0.0.1:0\n      delimeter: x\n  workers: 2\n");
		assertThat(notices).extracting(ConfigNotice::toString)
			.contains(
					".rr.yaml:5: tcp.servers.smtp.delimeter is not a tcp server key and is ignored; check the spelling.",
					".rr.yaml:6: tcp.workers is not a tcp key and is ignored; check the spelling.");
	}

	@Test
	void aServerWithoutAHandlerFailsTheBootNamingIt() {
		Throwable failure = catchThrowable(() -> RunningApp.of(TestApplication.class)
			.rrYaml("tcp:\n  servers:\n    nobody:\n      addr: tcp://127.0.0.1:0\n")
			.start());
		assertThat(rootConfigException(failure).getMessage()).isEqualTo(".rr.yaml:4: tcp.servers.nobody.addr: "
				+ "No handler serves this TCP server; mark a TcpHandler bean with @TcpWorker(\"nobody\").");
	}

	@Test
	void aPortInUseFailsTheBootNamingTheServer() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			Throwable failure = catchThrowable(() -> RunningApp.of(TestApplication.class)
				.rrYaml("tcp:\n  servers:\n    echo:\n      addr: tcp://127.0.0.1:" + taken.getLocalPort() + "\n")
				.start());
			assertThat(rootConfigException(failure).getMessage())
				.startsWith(".rr.yaml:4: tcp.servers.echo.addr = \"127.0.0.1:" + taken.getLocalPort()
						+ "\": Cannot listen on this address");
		}
	}

	private static ConfigException rootConfigException(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof ConfigException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("a ConfigException in " + failure).isNotNull();
		return (ConfigException) cause;
	}

}
