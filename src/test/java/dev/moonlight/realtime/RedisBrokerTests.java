package dev.moonlight.realtime;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.WsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code BROKER=redis} with the machine's Redis on 127.0.0.1:6379: two server instances
 * in this JVM, each with its own Redis connections and event loops, and a channel prefix
 * of their own so parallel runs never hear each other.
 */
@Tag("services")
class RedisBrokerTests {

	private static final String PREFIX = "test-" + UUID.randomUUID().toString().substring(0, 8);

	private static RunningApp first;

	private static RunningApp second;

	@BeforeAll
	static void start() {
		first = instance(true);
		second = instance(true);
	}

	@AfterAll
	static void stop() {
		first.close();
		second.close();
	}

	private static RunningApp instance(boolean sockets) {
		return RunningApp.of(TestApplication.class)
			.settings("[realtime]\nENABLED = " + sockets + "\nBROKER = redis\nCHANNEL_PREFIX = " + PREFIX + "\n")
			.start();
	}

	private static WsClient subscribed(RunningApp app, String channel) {
		WsClient ws = WsClient.connect("ws://127.0.0.1:" + app.port() + "/api/v1/ws");
		assertThat(ws.send("{\"subscribe\":\"" + channel + "\"}").nextJson().get("returnCode").asInt()).isZero();
		return ws;
	}

	@Test
	void anEventPublishedOnOneInstanceReachesSubscribersOnEveryInstanceOnce() throws InterruptedException {
		try (WsClient here = subscribed(first, "news"); WsClient there = subscribed(second, "news")) {
			first.bean(Channels.class).publish("news", "note.added", Map.of("note_id", 9));
			String expected = "{\"channel\":\"" + PREFIX + ":news\",\"event\":\"note.added\",\"data\":{\"note_id\":9}}";
			assertThat(there.next()).as("the other instance's subscriber").isEqualTo(expected);
			assertThat(here.next()).as("this instance's subscriber, through Redis too").isEqualTo(expected);
			assertThat(here.poll(Duration.ofMillis(300))).as("exactly once").isNull();
			assertThat(there.poll(Duration.ofMillis(100))).isNull();
		}
	}

	@Test
	void anInstanceWithoutSocketsStillPublishesToTheOthers() {
		try (RunningApp jobs = instance(false); WsClient there = subscribed(second, "jobs")) {
			jobs.client().get().uri("/api/v1/ws").exchange().expectStatus().isNotFound();
			jobs.bean(Channels.class).publish("jobs", "job.done", Map.of("id", "j-1"));
			assertThat(there.nextJson().get("event").asString()).isEqualTo("job.done");
		}
	}

}
