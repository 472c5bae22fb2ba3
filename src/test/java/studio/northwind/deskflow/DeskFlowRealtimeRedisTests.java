package studio.northwind.deskflow;

import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.WsClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two DeskFlow instances behind one Redis ({@code REALTIME_BROKER=redis}, the machine's
 * Redis on 127.0.0.1:6379): a task created through one is pushed to a board connected to
 * the other.
 */
@Tag("services")
class DeskFlowRealtimeRedisTests {

	private static RunningApp.Builder instance(String prefix) {
		return ShippedConfig.deskflow().property("REALTIME_BROKER=redis").property("REALTIME_CHANNEL_PREFIX=" + prefix);
	}

	@Test
	void aTaskCreatedOnOneInstanceIsPushedToSubscribersOfAnother() {
		String prefix = "deskflow-" + UUID.randomUUID().toString().substring(0, 8);
		try (RunningApp writer = instance(prefix).start();
				RunningApp board = instance(prefix).start();
				WsClient ws = WsClient.connect("ws://127.0.0.1:" + board.port() + "/api/v1/ws")) {
			assertThat(ws.send("{\"subscribe\":\"tasks\"}").nextJson().at("/returnData/channel").asString())
				.isEqualTo(prefix + ":tasks");
			DeskFlowCalls calls = new DeskFlowCalls(writer);
			calls.createTask(calls.alex(), "\"title\":\"Seen on every instance\"");
			JsonNode event = ws.nextJson();
			assertThat(event.get("event").asString()).isEqualTo("task.created");
			assertThat(event.at("/data/task/title").asString()).isEqualTo("Seen on every instance");
		}
	}

}
