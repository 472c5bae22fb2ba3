package dev.moonlight.realtime;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RawHttp;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.WsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, finding 9: a browser sends the user's cookies with a WebSocket handshake but
 * applies no CORS to it, and handshakes were accepted from any {@code Origin}. Now a page
 * of another origin than the server's own or one {@code [cors]} allows is refused with
 * 403; clients that send no {@code Origin} (not browsers) are served.
 */
class WebSocketOriginTests {

	private static final String REALTIME = "[realtime]\nENABLED = true\n";

	@Test
	void onlyTheServersOwnPagesAndTheOriginsCorsAllowsOpenASocket() {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.settings(REALTIME + "[cors]\nallowed_origins = \"http://localhost:5173\"\n")
			.start()) {
			String url = "ws://127.0.0.1:" + app.port() + "/api/v1/ws";
			assertThat(WsClient.handshakeStatus(url, Map.of())).as("no Origin: not a browser").isEqualTo(101);
			assertThat(WsClient.handshakeStatus(url, origin("http://localhost:5173"))).isEqualTo(101);
			assertThat(WsClient.handshakeStatus(url, origin("http://127.0.0.1:" + app.port()))).as("the server's own")
				.isEqualTo(101);
			assertThat(WsClient.handshakeStatus(url, origin("https://evil.example"))).isEqualTo(403);
			assertThat(WsClient.handshakeStatus(url, origin("http://127.0.0.1:1"))).as("another port").isEqualTo(403);
			assertThat(WsClient.handshakeStatus(url, origin("null"))).as("a sandboxed page").isEqualTo(403);
			assertThat(WsClient.handshakeStatus(url, origin("http://localhost:5173.evil.example"))).isEqualTo(403);
			RawHttp.Response refused = RawHttp.send(app.port(),
					"GET /api/v1/ws HTTP/1.1\r\nHost: 127.0.0.1:" + app.port()
							+ "\r\nUpgrade: websocket\r\nConnection: Upgrade, close\r\nSec-WebSocket-Version: 13\r\n"
							+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: https://evil.example\r\n\r\n");
			assertThat(refused.status()).isEqualTo(403);
			assertThat(refused.body()).contains("\"returnCode\":403")
				.contains("\"returnMessage\":\"" + RealtimeEndpoint.ORIGIN_REFUSED + "\"");
		}
	}

	@Test
	void withoutCorsOnlyTheServersOwnPagesOpenASocket() {
		try (RunningApp app = RunningApp.of(TestApplication.class).settings(REALTIME).start()) {
			String url = "ws://127.0.0.1:" + app.port() + "/api/v1/ws";
			assertThat(WsClient.handshakeStatus(url, origin("https://evil.example"))).isEqualTo(403);
			assertThat(WsClient.handshakeStatus(url, origin("http://127.0.0.1:" + app.port()))).isEqualTo(101);
			assertThat(WsClient.handshakeStatus(url, Map.of())).isEqualTo(101);
		}
	}

	private static Map<String, String> origin(String origin) {
		return Map.of("Origin", origin);
	}

}
