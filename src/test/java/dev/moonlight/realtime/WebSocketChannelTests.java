package dev.moonlight.realtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.moonlight.security.AccessRule;
import dev.moonlight.security.TestTokens;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.WsClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Channels on one instance: subscribe, events pushed by {@link Channels}, unsubscribe,
 * and [realtime_channels].
 */
class WebSocketChannelTests {

	private static RunningApp app;

	private static Channels channels;

	@BeforeAll
	static void start() {
		app = RunningApp.of(TestApplication.class).settings("""
				[app_authentications]
				jwt = dev.moonlight.security.JwtAuthentication

				[realtime]
				ENABLED = true
				CHANNEL_PREFIX = board

				[realtime_channels]
				vault = vault.read
				vault.public = public
				members = authenticated
				""").dotEnv("JWT_SECRET=" + TestTokens.SECRET + "\n").start();
		channels = app.bean(Channels.class);
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	private static WsClient connect(List<String> permissions) {
		String url = "ws://127.0.0.1:" + app.port() + "/api/v1/ws";
		if (permissions == null) {
			return WsClient.connect(url);
		}
		return WsClient.connect(url,
				Map.of("Authorization", "Bearer " + TestTokens.hs256(TestTokens.claims("42", permissions).build())));
	}

	private static JsonNode subscribe(WsClient ws, String channel) {
		return ws.send("{\"id\":\"s\",\"subscribe\":\"" + channel + "\"}").nextJson();
	}

	@Test
	void aSubscriberGetsTheEventsOfItsChannelWithThePrefixedName() {
		try (WsClient ws = connect(null)) {
			JsonNode ack = subscribe(ws, "news");
			assertThat(ack.get("id").asString()).isEqualTo("s");
			assertThat(ack.get("returnMessage").asString()).isEqualTo("Subscribed");
			assertThat(ack.at("/returnData/channel").asString()).isEqualTo("board:news");
			channels.publish("news", "note.added", Map.of("note_id", 5));
			assertThat(ws.next())
				.isEqualTo("{\"channel\":\"board:news\",\"event\":\"note.added\",\"data\":{\"note_id\":5}}");
			channels.publish("board:news", "note.removed", null);
			assertThat(ws.nextJson().get("event").asString()).as("the prefixed name is the same channel")
				.isEqualTo("note.removed");
		}
	}

	@Test
	void eventsOfOtherChannelsAndAfterUnsubscribingAreNotSent() throws InterruptedException {
		try (WsClient ws = connect(null)) {
			subscribe(ws, "weather");
			channels.publish("sport", "goal", Map.of());
			JsonNode ack = ws.send("{\"id\":2,\"unsubscribe\":\"weather\"}").nextJson();
			assertThat(ack.get("returnMessage").asString()).isEqualTo("Unsubscribed");
			channels.publish("weather", "rain", Map.of());
			assertThat(ws.poll(Duration.ofMillis(300))).isNull();
		}
	}

	@Test
	void everySubscriberOfAChannelGetsTheEvent() {
		try (WsClient first = connect(null); WsClient second = connect(null)) {
			subscribe(first, "shared");
			subscribe(second, "shared");
			channels.publish("shared", "hello", "world");
			assertThat(first.nextJson().get("data").asString()).isEqualTo("world");
			assertThat(second.nextJson().get("data").asString()).isEqualTo("world");
		}
	}

	@Test
	void channelRulesAskForALoginThenForPermissionsByLongestPrefix() {
		try (WsClient anonymous = connect(null)) {
			JsonNode login = subscribe(anonymous, "vault.keys");
			assertThat(login.get("returnCode").asInt()).isEqualTo(401);
			assertThat(login.get("returnMessage").asString()).isEqualTo(AccessRule.LOGIN_REQUIRED);
			assertThat(subscribe(anonymous, "members").get("returnCode").asInt()).isEqualTo(401);
			assertThat(subscribe(anonymous, "vault.public.notes").get("returnCode").asInt())
				.as("a longer public prefix wins over vault")
				.isZero();
		}
		try (WsClient member = connect(List.of("other"))) {
			JsonNode forbidden = subscribe(member, "vault.keys");
			assertThat(forbidden.get("returnCode").asInt()).isEqualTo(403);
			assertThat(forbidden.get("returnMessage").asString()).isEqualTo(AccessRule.PERMISSION_MISSING);
			assertThat(subscribe(member, "members").get("returnCode").asInt()).isZero();
		}
		try (WsClient reader = connect(List.of("vault.read"))) {
			assertThat(subscribe(reader, "vault.keys").get("returnCode").asInt()).isZero();
			channels.publish("vault.keys", "rotated", Map.of());
			assertThat(reader.nextJson().get("event").asString()).isEqualTo("rotated");
		}
	}

	@Test
	void insideATransactionAnEventLeavesAtCommitAndNotAtAllOnRollback() {
		TransactionTemplate transactions = new TransactionTemplate(
				new JdbcTransactionManager(app.bean(DataSource.class)));
		try (WsClient ws = connect(null)) {
			subscribe(ws, "desk");
			transactions.executeWithoutResult((status) -> {
				channels.publish("desk", "task.created", Map.of("id", 1));
				// A publish without a transaction (another thread) overtakes it: had
				// the first left already, the subscriber would read it first.
				CompletableFuture.runAsync(() -> channels.publish("desk", "marker", "during")).join();
				assertThat(ws.nextJson().get("event").asString()).as("nothing before the commit").isEqualTo("marker");
			});
			assertThat(ws.nextJson().get("event").asString()).as("sent at commit").isEqualTo("task.created");
			transactions.executeWithoutResult((status) -> {
				channels.publish("desk", "task.dropped", Map.of("id", 2));
				status.setRollbackOnly();
			});
			channels.publish("desk", "marker", "after");
			JsonNode next = ws.nextJson();
			assertThat(next.get("event").asString() + " " + next.get("data").asString())
				.as("the rolled back event never leaves")
				.isEqualTo("marker after");
		}
	}

	@Test
	void oddChannelNamesAreRefused() {
		try (WsClient ws = connect(null)) {
			assertThat(subscribe(ws, "news*").get("returnCode").asInt()).isEqualTo(400);
			assertThat(ws.send("{\"subscribe\":42}").nextJson().get("returnMessage").asString())
				.isEqualTo(ChannelNames.INVALID);
		}
		assertThatIllegalArgumentException().isThrownBy(() -> channels.publish("a b", "x", null));
	}

}
