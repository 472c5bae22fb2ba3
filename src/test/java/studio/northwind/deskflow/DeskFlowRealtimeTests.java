package studio.northwind.deskflow;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.WsClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DeskFlow over its WebSocket, as shipped: envelope calls, and the task events on
 * {@code moonlight:tasks}.
 */
class DeskFlowRealtimeTests {

	private static RunningApp app;

	private static DeskFlowCalls calls;

	@BeforeAll
	static void start() {
		app = ShippedConfig.deskflow().start();
		calls = new DeskFlowCalls(app);
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	private static WsClient connect() {
		return WsClient.connect("ws://127.0.0.1:" + app.port() + "/api/v1/ws");
	}

	@Test
	void theTutorialsReadsWorkOverTheSocket() {
		try (WsClient ws = connect()) {
			JsonNode list = ws.send("{\"id\":1,\"service\":\"task\",\"action\":\"list\"}").nextJson();
			assertThat(list.get("returnMessage").asString()).isEqualTo("OK");
			assertThat(list.at("/returnData/tasks").size()).isGreaterThanOrEqualTo(3);
			JsonNode one = ws.send("{\"id\":2,\"service\":\"task\",\"action\":\"get\",\"data\":{\"id\":1}}").nextJson();
			assertThat(one.at("/returnData/task/id").asInt()).as("the task id travels in data; id is the frame's")
				.isEqualTo(1);
			assertThat(one.get("id").asInt()).isEqualTo(2);
		}
	}

	@Test
	void everyStoredTaskChangeIsPushedToTheTasksChannel() {
		String token = calls.alex();
		try (WsClient ws = connect()) {
			JsonNode ack = ws.send("{\"id\":1,\"subscribe\":\"tasks\"}").nextJson();
			assertThat(ack.at("/returnData/channel").asString()).isEqualTo("moonlight:tasks");
			int id = calls.createTask(token, "\"title\":\"Pushed to every board\"");
			JsonNode created = ws.nextJson();
			assertThat(created.get("channel").asString()).isEqualTo("moonlight:tasks");
			assertThat(created.get("event").asString()).isEqualTo("task.created");
			assertThat(created.at("/data/task/id").asInt()).isEqualTo(id);
			assertThat(created.at("/data/task/title").asString()).isEqualTo("Pushed to every board");
			write(token, "update", ",\"id\":" + id + ",\"status\":\"in_progress\"");
			assertThat(event(ws, "/data/task/status")).isEqualTo("task.updated in_progress");
			write(token, "assign", ",\"id\":" + id + ",\"assignee\":\"jamie@northwind.studio\"");
			assertThat(event(ws, "/data/task/assignee")).isEqualTo("task.assigned jamie@northwind.studio");
			write(token, "close", ",\"id\":" + id);
			assertThat(event(ws, "/data/task/status")).isEqualTo("task.closed done");
			write(token, "delete", ",\"id\":" + id);
			assertThat(event(ws, "/data/task/id")).isEqualTo("task.deleted " + id);
		}
	}

	@Test
	void aFailedWriteIsNotAnnounced() throws InterruptedException {
		String token = calls.alex();
		try (WsClient ws = connect()) {
			ws.send("{\"subscribe\":\"tasks\"}").nextJson();
			calls.call("{\"service\":\"task\",\"action\":\"create\",\"title\":\"x\"}", token)
				.expectStatus()
				.isEqualTo(422);
			calls.call("{\"service\":\"task\",\"action\":\"update\",\"id\":999999,\"title\":\"Nobody\"}", token)
				.expectStatus()
				.isNotFound();
			assertThat(ws.poll(java.time.Duration.ofMillis(300))).isNull();
		}
	}

	@Test
	void aSocketLoggedInByAnAuthFrameWritesAndHearsItsOwnEvent() {
		String token = calls.alex();
		try (WsClient ws = connect()) {
			ws.send("{\"id\":1,\"auth\":\"" + token + "\"}").nextJson();
			ws.send("{\"id\":2,\"subscribe\":\"tasks\"}").nextJson();
			ws.send("{\"id\":3,\"service\":\"task\",\"action\":\"create\",\"data\":{\"title\":\"From the socket\"}}");
			List<JsonNode> both = new ArrayList<>(List.of(ws.nextJson(), ws.nextJson()));
			JsonNode answer = both.stream().filter((m) -> m.has("id")).findFirst().orElseThrow();
			JsonNode event = both.stream().filter((m) -> m.has("event")).findFirst().orElseThrow();
			assertThat(answer.get("returnMessage").asString()).isEqualTo("Task created");
			assertThat(event.at("/data/task/id").asInt()).isEqualTo(answer.at("/returnData/task/id").asInt());
		}
	}

	private static void write(String token, String action, String fields) {
		calls.call("{\"service\":\"task\",\"action\":\"" + action + "\"" + fields + "}", token).expectStatus().isOk();
	}

	private static String event(WsClient ws, String pointer) {
		JsonNode event = ws.nextJson();
		return event.get("event").asString() + " " + event.at(pointer).asString();
	}

}
