package studio.northwind.deskflow;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DeskFlow tutorial's requests replayed over the wire, with the answers the tutorial shows (SPEC §11). Run
 * against the embedded H2 database and, in the PostgreSQL suite, against the machine's PostgreSQL.
 */
abstract class DeskFlowApiContract {

	/** The running DeskFlow under test, with the development seed and nothing else written yet. */
	abstract RunningApp app();

	private WebTestClient.ResponseSpec call(String json) {
		return app().client().post().uri("/api/v1/").contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
	}

	@Test
	void tutorialStep2PingAnswersPong() {
		app().client().get().uri("/api/v1/ping").exchange().expectStatus().isOk().expectBody()
			.json("{\"returnCode\":0,\"returnMessage\":\"pong\",\"returnData\":null,\"extraData\":null}", true);
	}

	@Test
	void tutorialStep2WelcomePingGreetsTheApp() {
		call("{\"service\":\"welcome\",\"action\":\"ping\"}").expectStatus().isOk().expectBody()
			.jsonPath("$.returnCode").isEqualTo(0)
			.jsonPath("$.returnMessage").isEqualTo("Welcome to deskflow-api")
			.jsonPath("$.returnData.app").isEqualTo("deskflow-api");
	}

	@Test
	void tutorialStep6TaskListReturnsTheSeededTasks() {
		call("{\"service\":\"task\",\"action\":\"list\"}").expectStatus().isOk().expectBody()
			.jsonPath("$.returnCode").isEqualTo(0)
			.jsonPath("$.returnData.tasks[0].id").isEqualTo(1)
			.jsonPath("$.returnData.tasks[0].title").isEqualTo("Review homepage mockups")
			.jsonPath("$.returnData.tasks[0].status").isEqualTo("open")
			.jsonPath("$.returnData.tasks[0].assignee").isEqualTo("alex@northwind.studio")
			.jsonPath("$.returnData.tasks[1].title").isEqualTo("Prepare sprint retro notes")
			.jsonPath("$.returnData.tasks[2].title").isEqualTo("Update client project brief")
			.jsonPath("$.returnData.tasks[2].assignee").isEqualTo("jamie@northwind.studio")
			.jsonPath("$.returnData.tasks[0].created_at").isNotEmpty();
	}

	@Test
	void taskListFiltersByStatus() {
		call("{\"service\":\"task\",\"action\":\"list\",\"status\":\"done\"}").expectStatus().isOk().expectBody()
			.jsonPath("$.returnData.tasks.length()").isEqualTo(1)
			.jsonPath("$.returnData.tasks[0].title").isEqualTo("Prepare sprint retro notes");
		call("{\"service\":\"task\",\"action\":\"list\",\"assignee\":\"jamie@northwind.studio\"}").expectStatus()
			.isOk().expectBody()
			.jsonPath("$.returnData.tasks[0].title").isEqualTo("Update client project brief");
	}

	@Test
	void taskListPaginatesWithPioniaKeysBesideTasks() {
		call("{\"service\":\"task\",\"action\":\"list\",\"limit\":2,\"offset\":0}").expectStatus().isOk().expectBody()
			.jsonPath("$.returnData.tasks.length()").isEqualTo(2)
			.jsonPath("$.returnData.has_next").isEqualTo(true)
			.jsonPath("$.returnData.next_offset").isEqualTo(2)
			.jsonPath("$.returnData.total_count").value((Integer total) -> assertThat(total).isGreaterThanOrEqualTo(3));
	}

	@Test
	void tutorialStep7TaskCreateAnswersTaskCreatedWithTheRow() {
		call("{\"service\":\"task\",\"action\":\"create\",\"title\":\"Ship DeskFlow tutorial\"}").expectStatus()
			.isOk().expectBody()
			.jsonPath("$.returnCode").isEqualTo(0)
			.jsonPath("$.returnMessage").isEqualTo("Task created")
			.jsonPath("$.returnData.task.id").isNumber()
			.jsonPath("$.returnData.task.title").isEqualTo("Ship DeskFlow tutorial")
			.jsonPath("$.returnData.task.status").isEqualTo("open");
	}

	@Test
	void tutorialStep8MissingTitleIs422TitleIsRequired() {
		call("{\"service\":\"task\",\"action\":\"create\",\"status\":\"open\"}").expectStatus().isEqualTo(422)
			.expectBody()
			.jsonPath("$.returnCode").isEqualTo(422)
			.jsonPath("$.returnMessage").isEqualTo("title is required")
			.jsonPath("$.returnData.errors.title[0]").isEqualTo("title is required");
	}

	@Test
	void taskCreateListsEveryFailingField() {
		call("{\"service\":\"task\",\"action\":\"create\",\"title\":\"ab\",\"status\":\"later\",\"project_id\":999}")
			.expectStatus().isEqualTo(422).expectBody()
			.jsonPath("$.returnData.errors.title").isArray()
			.jsonPath("$.returnData.errors.status").isArray()
			.jsonPath("$.returnData.errors.project_id").isArray();
	}

	@Test
	void taskGetAnswersTheTaskOr404() {
		call("{\"service\":\"task\",\"action\":\"get\",\"id\":1}").expectStatus().isOk().expectBody()
			.jsonPath("$.returnData.task.title").isEqualTo("Review homepage mockups");
		call("{\"service\":\"task\",\"action\":\"get\",\"id\":424242}").expectStatus().isNotFound().expectBody()
			.jsonPath("$.returnCode").isEqualTo(404)
			.jsonPath("$.returnMessage").value((String m) -> assertThat(m).contains("424242"));
	}

	@Test
	void taskUpdateAndDeleteWork() {
		int id = createTask("Temporary task");
		call("{\"service\":\"task\",\"action\":\"update\",\"id\":" + id + ",\"status\":\"in_progress\"}")
			.expectStatus().isOk().expectBody()
			.jsonPath("$.returnData.task.status").isEqualTo("in_progress");
		call("{\"service\":\"task\",\"action\":\"delete\",\"id\":" + id + "}").expectStatus().isOk();
		call("{\"service\":\"task\",\"action\":\"get\",\"id\":" + id + "}").expectStatus().isNotFound();
	}

	@Test
	void projectIsAGenericService() {
		String created = call("{\"service\":\"project\",\"action\":\"create\",\"name\":\"Brand refresh\"}")
			.expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
		assertThat(created).contains("\"name\":\"Brand refresh\"");
		call("{\"service\":\"project\",\"action\":\"list\"}").expectStatus().isOk().expectBody()
			.jsonPath("$.returnData").isArray()
			.jsonPath("$.returnData[0].name").isNotEmpty();
		call("{\"service\":\"project\",\"action\":\"list\",\"limit\":1}").expectStatus().isOk().expectBody()
			.jsonPath("$.returnData.results.length()").isEqualTo(1)
			.jsonPath("$.returnData.current_limit").isEqualTo(1)
			.jsonPath("$.returnData.has_next").isEqualTo(true);
		call("{\"service\":\"project\",\"action\":\"details\",\"id\":1}").expectStatus().isOk().expectBody()
			.jsonPath("$.returnData.id").isEqualTo(1);
		call("{\"service\":\"project\",\"action\":\"create\"}").expectStatus().isEqualTo(422).expectBody()
			.jsonPath("$.returnData.errors.name").isArray();
		call("{\"service\":\"project\",\"action\":\"retrieve\",\"id\":\"999\"}").expectStatus().isNotFound();
	}

	@Test
	void aClientErrorIsAnEnvelope() {
		call("{\"service\":\"task\",\"action\":\"remove\"}").expectStatus().isNotFound().expectBody()
			.jsonPath("$.returnMessage").isEqualTo("Action removeAction not found in the task context");
	}

	private int createTask(String title) {
		java.util.concurrent.atomic.AtomicInteger id = new java.util.concurrent.atomic.AtomicInteger();
		call("{\"service\":\"task\",\"action\":\"create\",\"title\":\"" + title + "\"}").expectStatus().isOk()
			.expectBody().jsonPath("$.returnData.task.id").value((Integer value) -> id.set(value));
		return id.get();
	}

}
