package dev.moonlight.realtime;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.CuttableProxy;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.WsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance that loses Redis (the connection cut between it and the machine's Redis on
 * 127.0.0.1:6379) says so in {@code /ready} (503, a fixed reason) and in its log,
 * reconnects by itself once Redis can be reached again, turns ready, and its subscribers
 * get events again.
 */
@Tag("services")
@ExtendWith(OutputCaptureExtension.class)
class RedisReconnectTests {

	private static final String PREFIX = "test-" + UUID.randomUUID().toString().substring(0, 8);

	@Test
	void anInstanceThatLosesRedisIsNotReadyUntilItReconnectsThenEventsFlowAgain(CapturedOutput output) {
		try (CuttableProxy proxy = new CuttableProxy(6379);
				RunningApp app = RunningApp.of(TestApplication.class)
					.settings("[realtime]\nENABLED = true\nBROKER = redis\nCHANNEL_PREFIX = " + PREFIX
							+ "\nREDIS_URL = redis://127.0.0.1:" + proxy.port() + "\n")
					.start();
				WsClient ws = WsClient.connect("ws://127.0.0.1:" + app.port() + "/api/v1/ws")) {
			assertThat(ws.send("{\"subscribe\":\"news\"}").nextJson().get("returnCode").asInt()).isZero();
			app.bean(Channels.class).publish("news", "note.added", Map.of("n", 1));
			assertThat(ws.nextJson().get("data").get("n").asInt()).isEqualTo(1);
			assertThat(status(app)).isEqualTo(200);

			proxy.cut();
			await().atMost(Duration.ofSeconds(5)).until(() -> status(app) == 503);
			app.client()
				.get()
				.uri("/ready")
				.exchange()
				.expectBody()
				.jsonPath("$.checks.realtime")
				.isEqualTo("the realtime broker (Redis) is unreachable; reconnecting");
			assertThat(output.getOut()).contains("realtime: lost Redis; reconnecting");

			proxy.restore();
			await().atMost(Duration.ofSeconds(40)).until(() -> status(app) == 200);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(output.getOut()).contains("realtime: Redis reconnected"));
			// The pattern subscription comes back with the connection: publish until one
			// arrives (an event sent before the resubscription is lost, as pub/sub says).
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				app.bean(Channels.class).publish("news", "note.added", Map.of("n", 2));
				String frame = ws.poll(Duration.ofMillis(200));
				return frame != null && frame.contains("\"n\":2");
			});
		}
	}

	private static int status(RunningApp app) {
		return app.client().get().uri("/ready").exchange().returnResult(String.class).getStatus().value();
	}

}
