package dev.moonlight.realtime;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RawWebSocket;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.WsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sockets that stop reading or answering: the bounded send buffer, pings, and the close
 * at shutdown.
 */
class WebSocketLivenessTests {

	private static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.of(TestApplication.class).settings("""
				[realtime]
				ENABLED = true
				SEND_BUFFER = 8
				PING_INTERVAL = 300ms
				""").start();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	private static String url() {
		return "ws://127.0.0.1:" + app.port() + "/api/v1/ws";
	}

	@Test
	void aClientThatStopsReadingIsClosedWith1008InsteadOfBufferedWithoutLimit() {
		ChannelHub hub = app.bean(ChannelHub.class);
		try (WsClient ws = WsClient.connect(url())) {
			ws.send("{\"subscribe\":\"firehose\"}").nextJson();
			ws.pause();
			Map<String, String> event = Map.of("pad", "x".repeat(16 * 1024));
			Channels channels = app.bean(Channels.class);
			// Kernel and Netty buffers hold a few MB; 64 MB of events cannot all fit
			// before the queue of 8.
			for (int i = 0; i < 4000 && hub.subscribers("moonlight:firehose") > 0; i++) {
				channels.publish("firehose", "tick", event);
			}
			ws.resume();
			WsClient.Closed closed = ws.awaitClose(Duration.ofSeconds(20));
			assertThat(closed.code()).isEqualTo(1008);
			assertThat(closed.reason()).isEqualTo(RealtimeSocket.SLOW_CONSUMER.getReason());
		}
	}

	@Test
	void aLiveClientAnswersPingsAndStaysOpen() {
		try (WsClient ws = WsClient.connect(url())) {
			// The server pings a quiet socket and closes it at the next tick if no pong
			// came; so each ping after the first shows the pong before it was heard.
			await("three pings").atMost(Duration.ofSeconds(10)).until(() -> ws.pings() >= 3 || ws.isClosed());
			assertThat(ws.isClosed()).as("two pongs later").isFalse();
			assertThat(ws.send("{\"id\":1,\"service\":\"notes\",\"action\":\"echo\"}")
				.nextJson()
				.get("returnCode")
				.asInt()).isZero();
		}
	}

	@Test
	void aPeerThatNeverAnswersPingsIsClosed() throws IOException {
		try (RawWebSocket raw = RawWebSocket.connect(app.port(), "/api/v1/ws")) {
			List<Integer> opcodes = new ArrayList<>();
			RawWebSocket.Frame frame;
			RawWebSocket.Frame close = null;
			while ((frame = raw.next()) != null) {
				opcodes.add(frame.opcode());
				if (frame.opcode() == RawWebSocket.Frame.CLOSE) {
					close = frame;
				}
			}
			assertThat(opcodes).as("a ping, then the close")
				.startsWith(RawWebSocket.Frame.PING)
				.endsWith(RawWebSocket.Frame.CLOSE);
			assertThat(close.closeCode()).isEqualTo(1001);
			assertThat(close.text()).isEqualTo(RealtimeSocket.NO_PONG.getReason());
		}
	}

}
