package dev.moonlight.realtime;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.ServerProcess;
import dev.moonlight.testing.TestCertificates;
import dev.moonlight.testing.WsClient;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import reactor.core.publisher.Mono;
import reactor.netty.http.Http11SslContextSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code wss://} on the TLS listener, which also serves HTTP/2: a WebSocket upgrade is
 * HTTP/1.1, so it works because the listener still offers {@code http/1.1} by ALPN (and
 * serves clients that offer no ALPN at all). With {@code HTTPS_ONLY} on, the handshake
 * must count as secure on that listener and only there.
 */
class WebSocketTlsTests {

	@TempDir
	static Path certs;

	private static TestCertificates server;

	private static RunningApp app;

	private static int tlsPort;

	@BeforeAll
	static void start() {
		server = TestCertificates.create(certs, "localhost");
		tlsPort = ServerProcess.freePort();
		app = RunningApp.of(TestApplication.class).rrYaml(server.rrYaml("127.0.0.1:" + tlsPort)).settings("""
				[realtime]
				ENABLED = true
				""").dotEnv("HTTPS_ONLY=true\n").start();
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	private static String wss() {
		return "wss://localhost:" + tlsPort + "/api/v1/ws";
	}

	@Test
	void anEnvelopeFrameOverWssIsAnsweredLikeOverPlainWs() {
		HttpClient trusting = server.httpClient(HttpClient.Version.HTTP_2);
		try (WsClient ws = WsClient.connect(trusting, wss(), Map.of(), false)) {
			assertThat(ws.send("{\"id\":1,\"service\":\"notes\",\"action\":\"echo\",\"n\":1}").next())
				.as("the same answer frame as on the plain listener")
				.startsWith("{\"id\":1,\"returnCode\":0,\"returnMessage\":null,\"returnData\":{")
				.contains("\"params\":{\"n\":1}");
			ws.send("{\"id\":2,\"service\":\"slow\",\"action\":\"sleep\",\"data\":{\"ms\":300}}");
			ws.send("{\"id\":3,\"service\":\"notes\",\"action\":\"echo\"}");
			assertThat(ws.nextJson().get("id").asInt()).as("answers still overtake each other over TLS").isEqualTo(3);
			assertThat(ws.nextJson().get("id").asInt()).isEqualTo(2);
		}
	}

	@Test
	void httpsOnlyAcceptsTheHandshakeOverTlsAndRefusesItOverPlainHttp() {
		assertThat(WsClient.handshakeStatus(server.httpClient(HttpClient.Version.HTTP_1_1), wss(), Map.of()))
			.as("a handshake on the TLS listener is secure")
			.isEqualTo(101);
		assertThat(WsClient.handshakeStatus("ws://127.0.0.1:" + app.port() + "/api/v1/ws", Map.of()))
			.as("HTTPS_ONLY refuses the plain listener's handshake")
			.isEqualTo(403);
	}

	@Test
	void aClientNegotiatingHttp11ByAlpnSubscribesAndGetsEvents() {
		// What browsers do for a WebSocket: a connection of its own, offering only
		// http/1.1.
		Http11SslContextSpec http11 = Http11SslContextSpec.forClient()
			.configure((builder) -> builder.trustManager(server.cert().toFile())
				.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
						ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
						ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
						ApplicationProtocolNames.HTTP_1_1)));
		Channels channels = app.bean(Channels.class);
		List<String> frames = reactor.netty.http.client.HttpClient.create()
			.secure((spec) -> spec.sslContext(http11))
			.websocket()
			.uri(wss())
			.handle((in, out) -> out.sendString(Mono.just("{\"id\":\"s\",\"subscribe\":\"news\"}"))
				.then()
				.thenMany(in.receive().asString())
				.doOnNext((frame) -> {
					if (frame.contains("Subscribed")) {
						channels.publish("news", "note.added", Map.of("note_id", 5));
					}
				})
				.take(2))
			.collectList()
			.block(Duration.ofSeconds(20));
		assertThat(frames).hasSize(2);
		assertThat(frames.get(0)).as("the subscription is acknowledged").contains("\"returnMessage\":\"Subscribed\"");
		assertThat(frames.get(1))
			.isEqualTo("{\"channel\":\"moonlight:news\",\"event\":\"note.added\",\"data\":{\"note_id\":5}}");
	}

}
