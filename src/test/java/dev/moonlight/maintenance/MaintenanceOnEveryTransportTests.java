package dev.moonlight.maintenance;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.moonlight.tcp.TcpServers;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.LineClient;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.WsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Maintenance on the transports beside HTTP: TCP envelope lines and WebSocket frames, on
 * connections opened before it was switched on, get the same 503 envelope as HTTP, the
 * wait in {@code extraData.retry_after} as they have no headers, and are served again
 * once it is off.
 */
class MaintenanceOnEveryTransportTests {

	private static final String REFUSAL = "\"returnCode\":503,\"returnMessage\":\"Deploying\",\"returnData\":null,"
			+ "\"extraData\":{\"retry_after\":90}}";

	private static final String ECHO = "{\"service\":\"notes\",\"action\":\"echo\"}";

	private static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.of(TestApplication.class)
			.settings("[realtime]\nENABLED = true\n")
			.rrYaml("tcp:\n  servers:\n    lines:\n      addr: tcp://127.0.0.1:0\n      delimiter: \"\\n\"\n")
			.start();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@AfterEach
	void serveAgain() throws Exception {
		mode().turnOff();
	}

	private static MaintenanceMode mode() {
		return app.bean(MaintenanceMode.class);
	}

	private static String ws(String query) {
		return "ws://127.0.0.1:" + app.port() + "/api/v1/ws" + query;
	}

	@Test
	void tcpLinesOnAConnectionOpenedBeforeGetThe503EnvelopeThenAreServedAgain() throws Exception {
		try (LineClient client = LineClient.connect(app.bean(TcpServers.class).port("lines"), "\n")) {
			assertThat(client.write(ECHO + "\n").readLine()).startsWith("{\"returnCode\":0,");
			mode().turnOn("Deploying", 90L, "no-bypass-over-tcp");
			assertThat(client.write(ECHO + "\n").readLine()).isEqualTo("{" + REFUSAL);
			assertThat(client.write("{\"auth\":\"x\"}\n").readLine()).isEqualTo("{" + REFUSAL);
			assertThat(client.write("{\"service\":\"notes\",\"action\":\"echo\",\"bypass\":\"no-bypass-over-tcp\"}\n")
				.readLine()).as("a line carries no bypass token").isEqualTo("{" + REFUSAL);
			mode().turnOff();
			assertThat(client.write(ECHO + "\n").readLine()).startsWith("{\"returnCode\":0,");
		}
	}

	@Test
	void webSocketFramesOnASocketOpenedBeforeGetThe503WithTheirIdThenAreServedAgain() throws Exception {
		try (WsClient ws = WsClient.connect(ws(""))) {
			assertThat(ws.send("{\"id\":1," + ECHO.substring(1)).next()).startsWith("{\"id\":1,\"returnCode\":0,");
			mode().turnOn("Deploying", 90L, "ws-pass-7");
			assertThat(ws.send("{\"id\":2," + ECHO.substring(1)).next()).isEqualTo("{\"id\":2," + REFUSAL);
			assertThat(ws.send("{\"id\":3,\"subscribe\":\"tasks\"}").next()).isEqualTo("{\"id\":3," + REFUSAL);
			assertThat(ws.send("{\"id\":\"a\",\"auth\":\"x\"}").next()).isEqualTo("{\"id\":\"a\"," + REFUSAL);
			mode().turnOff();
			assertThat(ws.send("{\"id\":4," + ECHO.substring(1)).next()).startsWith("{\"id\":4,\"returnCode\":0,");
		}
	}

	@Test
	void aSocketWhoseHandshakeOfferedTheBypassTokenIsServed() throws Exception {
		try (WsClient before = WsClient.connect(ws("?bypass=ws-pass-7"));
				WsClient wrong = WsClient.connect(ws(""), Map.of(MaintenanceBypass.HEADER, "ws-pass-"))) {
			mode().turnOn("Deploying", 90L, "ws-pass-7");
			assertThat(before.send("{\"id\":1," + ECHO.substring(1)).next()).startsWith("{\"id\":1,\"returnCode\":0,");
			assertThat(wrong.send("{\"id\":1," + ECHO.substring(1)).next()).isEqualTo("{\"id\":1," + REFUSAL);
			assertThat(WsClient.handshakeStatus(ws(""), Map.of())).as("a new socket without the token").isEqualTo(503);
			try (WsClient after = WsClient.connect(ws(""), Map.of(MaintenanceBypass.HEADER, "ws-pass-7"))) {
				assertThat(after.send("{\"id\":2," + ECHO.substring(1)).next())
					.startsWith("{\"id\":2,\"returnCode\":0,");
			}
			mode().turnOn("Deploying", 90L, null);
			assertThat(before.send("{\"id\":3," + ECHO.substring(1)).next()).as("a token replaced is a token gone")
				.isEqualTo("{\"id\":3," + REFUSAL);
		}
	}

}
