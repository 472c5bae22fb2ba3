package studio.northwind.deskflow;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.moonlight.database.GroupCommit;
import dev.moonlight.testing.RunningApp;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DeskFlow tutorial's requests replayed over the wire, with the answers the tutorial
 * shows (SPEC §11). Run against the embedded H2 database and, in the PostgreSQL suite,
 * against the machine's PostgreSQL. Writes are made as Alex (the seed's manager); who may
 * write is {@link DeskFlowSecurityContract}'s subject.
 */
abstract class DeskFlowApiContract {

	/**
	 * The running DeskFlow under test, with the development seed and the test
	 * {@code .env}.
	 */
	public abstract RunningApp app();

	private DeskFlowCalls calls() {
		return new DeskFlowCalls(app());
	}

	private WebTestClient.ResponseSpec call(String json) {
		return calls().call(json);
	}

	private WebTestClient.ResponseSpec asAlex(String json) {
		DeskFlowCalls calls = calls();
		return calls.call(json, calls.alex());
	}

	@Test
	void tutorialStep2PingAnswersPong() {
		app().client()
			.get()
			.uri("/api/v1/ping")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"returnCode\":0,\"returnMessage\":\"pong\",\"returnData\":null,\"extraData\":null}", true);
	}

	@Test
	void tutorialStep2WelcomePingGreetsTheApp() {
		call("{\"service\":\"welcome\",\"action\":\"ping\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnCode")
			.isEqualTo(0)
			.jsonPath("$.returnMessage")
			.isEqualTo("Welcome to deskflow-api")
			.jsonPath("$.returnData.app")
			.isEqualTo("deskflow-api");
	}

	@Test
	void tutorialStep6TaskListReturnsTheSeededTasks() {
		call("{\"service\":\"task\",\"action\":\"list\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnCode")
			.isEqualTo(0)
			.jsonPath("$.returnData.tasks[0].id")
			.isEqualTo(1)
			.jsonPath("$.returnData.tasks[0].title")
			.isEqualTo("Review homepage mockups")
			.jsonPath("$.returnData.tasks[0].status")
			.isEqualTo("open")
			.jsonPath("$.returnData.tasks[0].assignee")
			.isEqualTo("alex@northwind.studio")
			.jsonPath("$.returnData.tasks[1].title")
			.isEqualTo("Prepare sprint retro notes")
			.jsonPath("$.returnData.tasks[2].title")
			.isEqualTo("Update client project brief")
			.jsonPath("$.returnData.tasks[2].assignee")
			.isEqualTo("jamie@northwind.studio")
			.jsonPath("$.returnData.tasks[0].created_at")
			.isNotEmpty();
	}

	@Test
	void taskListFiltersByStatus() {
		call("{\"service\":\"task\",\"action\":\"list\",\"assignee\":\"alex@northwind.studio\",\"status\":\"done\"}")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData.tasks[0].title")
			.isEqualTo("Prepare sprint retro notes");
		call("{\"service\":\"task\",\"action\":\"list\",\"assignee\":\"jamie@northwind.studio\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData.tasks[0].title")
			.isEqualTo("Update client project brief");
	}

	@Test
	void taskExportStreamsWhatTaskListSelects() {
		String filters = "\"assignee\":\"alex@northwind.studio\",\"sort\":\"-id\"";
		String list = calls().body("{\"service\":\"task\",\"action\":\"list\"," + filters + "}", null);
		String export = calls().body("{\"service\":\"task\",\"action\":\"export\"," + filters + "}", null);
		JsonMapper json = JsonMapper.builder().build();
		assertThat(json.readTree(export).path("returnData"))
			.as("the export's returnData is task.list's tasks, in the same order")
			.isEqualTo(json.readTree(list).path("returnData").path("tasks"));
		assertThat(json.readTree(export).path("returnData").size()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void taskExportAsNdjsonSendsATaskALineThenTheCount() {
		String body = app().client()
			.post()
			.uri("/api/v1/")
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.parseMediaType("application/x-ndjson"))
			.bodyValue("{\"service\":\"task\",\"action\":\"export\",\"status\":\"done\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType("application/x-ndjson")
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		String[] lines = body.split("\n");
		JsonMapper json = JsonMapper.builder().build();
		for (int i = 0; i < lines.length - 1; i++) {
			assertThat(json.readTree(lines[i]).path("status").asString()).isEqualTo("done");
		}
		assertThat(lines[lines.length - 1])
			.isEqualTo("{\"returnCode\":0,\"returnMessage\":\"OK\",\"count\":" + (lines.length - 1) + "}");
	}

	@Test
	void taskListPaginatesWithPioniaKeysBesideTasks() {
		call("{\"service\":\"task\",\"action\":\"list\",\"limit\":2,\"offset\":0}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData.tasks.length()")
			.isEqualTo(2)
			.jsonPath("$.returnData.has_next")
			.isEqualTo(true)
			.jsonPath("$.returnData.next_offset")
			.isEqualTo(2)
			.jsonPath("$.returnData.total_count")
			.value((Integer total) -> assertThat(total).isGreaterThanOrEqualTo(3));
	}

	@Test
	void tutorialStep9TaskCreateWithATokenAnswersTaskCreatedWithTheRow() {
		asAlex("{\"service\":\"task\",\"action\":\"create\",\"title\":\"Ship DeskFlow tutorial\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnCode")
			.isEqualTo(0)
			.jsonPath("$.returnMessage")
			.isEqualTo("Task created")
			.jsonPath("$.returnData.task.id")
			.isNumber()
			.jsonPath("$.returnData.task.title")
			.isEqualTo("Ship DeskFlow tutorial")
			.jsonPath("$.returnData.task.status")
			.isEqualTo("open");
	}

	@Test
	void tutorialStep8MissingTitleIs422TitleIsRequired() {
		asAlex("{\"service\":\"task\",\"action\":\"create\",\"status\":\"open\"}").expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.returnCode")
			.isEqualTo(422)
			.jsonPath("$.returnMessage")
			.isEqualTo("title is required")
			.jsonPath("$.returnData.errors.title[0]")
			.isEqualTo("title is required");
	}

	@Test
	void taskCreateListsEveryFailingField() {
		asAlex("{\"service\":\"task\",\"action\":\"create\",\"title\":\"ab\",\"status\":\"later\",\"project_id\":999}")
			.expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.returnData.errors.title")
			.isArray()
			.jsonPath("$.returnData.errors.status")
			.isArray()
			.jsonPath("$.returnData.errors.project_id")
			.isArray();
	}

	@Test
	void taskGetAnswersTheTaskOr404() {
		call("{\"service\":\"task\",\"action\":\"get\",\"id\":1}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData.task.title")
			.isEqualTo("Review homepage mockups");
		call("{\"service\":\"task\",\"action\":\"get\",\"id\":424242}").expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.returnCode")
			.isEqualTo(404)
			.jsonPath("$.returnMessage")
			.value((String m) -> assertThat(m).contains("424242"));
	}

	/**
	 * Creates sent at once share commits (the group commit): each caller is answered with
	 * its own row, every id is distinct and every task can be read back.
	 */
	@Test
	void concurrentCreatesAreEachStoredAndAnsweredWithTheirOwnRow() {
		DeskFlowCalls calls = calls();
		String alex = calls.alex();
		long writesBefore = app().bean(GroupCommit.class).stats().writes();
		ExecutorService clients = Executors.newFixedThreadPool(16);
		try {
			List<CompletableFuture<Integer>> creates = IntStream.range(0, 48)
				.mapToObj((n) -> CompletableFuture
					.supplyAsync(() -> calls.createTask(alex, "\"title\":\"Concurrent create " + n + "\""), clients))
				.toList();
			List<Integer> ids = creates.stream().map(CompletableFuture::join).toList();
			assertThat(ids).doesNotHaveDuplicates();
			for (int n = 0; n < ids.size(); n++) {
				call("{\"service\":\"task\",\"action\":\"get\",\"id\":" + ids.get(n) + "}").expectStatus()
					.isOk()
					.expectBody()
					.jsonPath("$.returnData.task.title")
					.isEqualTo("Concurrent create " + n);
			}
		}
		finally {
			clients.shutdownNow();
		}
		assertThat(app().bean(GroupCommit.class).stats().writes() - writesBefore).as("stored by the group commit")
			.isGreaterThanOrEqualTo(48);
	}

	@Test
	void taskUpdateAssignAndDeleteWork() {
		DeskFlowCalls calls = calls();
		String alex = calls.alex();
		int id = calls.createTask(alex, "\"title\":\"Temporary task\"");
		calls.call("{\"service\":\"task\",\"action\":\"update\",\"id\":" + id + ",\"status\":\"in_progress\"}", alex)
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData.task.status")
			.isEqualTo("in_progress");
		calls
			.call("{\"service\":\"task\",\"action\":\"assign\",\"id\":" + id
					+ ",\"assignee\":\"jamie@northwind.studio\"}", alex)
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnMessage")
			.isEqualTo("Task assigned")
			.jsonPath("$.returnData.task.assignee")
			.isEqualTo("jamie@northwind.studio");
		calls.call("{\"service\":\"task\",\"action\":\"assign\",\"id\":" + id + ",\"assignee\":\"jamie\"}", alex)
			.expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.returnData.errors.assignee")
			.isArray();
		calls.call("{\"service\":\"task\",\"action\":\"delete\",\"id\":" + id + "}", alex).expectStatus().isOk();
		call("{\"service\":\"task\",\"action\":\"get\",\"id\":" + id + "}").expectStatus().isNotFound();
	}

	@Test
	void projectIsAGenericService() {
		String created = asAlex("{\"service\":\"project\",\"action\":\"create\",\"name\":\"Brand refresh\"}")
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(created).contains("\"name\":\"Brand refresh\"");
		call("{\"service\":\"project\",\"action\":\"list\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData")
			.isArray()
			.jsonPath("$.returnData[0].name")
			.isNotEmpty();
		call("{\"service\":\"project\",\"action\":\"list\",\"limit\":1}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData.results.length()")
			.isEqualTo(1)
			.jsonPath("$.returnData.current_limit")
			.isEqualTo(1)
			.jsonPath("$.returnData.has_next")
			.isEqualTo(true);
		call("{\"service\":\"project\",\"action\":\"details\",\"id\":1}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData.id")
			.isEqualTo(1);
		asAlex("{\"service\":\"project\",\"action\":\"create\"}").expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.returnData.errors.name")
			.isArray();
		call("{\"service\":\"project\",\"action\":\"retrieve\",\"id\":\"999\"}").expectStatus().isNotFound();
	}

	@Test
	void projectRandomIsPioniasRandomAction() {
		calls().createProject(calls().alex(), "Random pick");
		call("{\"service\":\"project\",\"action\":\"random\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData.id")
			.isNumber()
			.jsonPath("$.returnData.name")
			.isNotEmpty();
		call("{\"service\":\"project\",\"action\":\"random\",\"size\":2}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData.length()")
			.isEqualTo(2);
		call("{\"service\":\"project\",\"action\":\"random\",\"limit\":0}").expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.returnData.errors.limit")
			.isArray();
	}

	@Test
	void projectSummaryCountsTasksPerStatusInOneAnswer() {
		DeskFlowCalls calls = calls();
		String alex = calls.alex();
		int project = calls.createProject(alex, "Summary check");
		calls.createTask(alex, "\"title\":\"Open one\",\"project_id\":" + project);
		calls.createTask(alex, "\"title\":\"Open two\",\"project_id\":" + project);
		calls.createTask(alex, "\"title\":\"Archived one\",\"status\":\"archived\",\"project_id\":" + project);
		call("{\"service\":\"project\",\"action\":\"summary\",\"project_id\":" + project + "}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData.project_id")
			.isEqualTo(project)
			.jsonPath("$.returnData.total")
			.isEqualTo(3)
			.jsonPath("$.returnData.tasks_per_status.open")
			.isEqualTo(2)
			.jsonPath("$.returnData.tasks_per_status.in_progress")
			.isEqualTo(0)
			.jsonPath("$.returnData.tasks_per_status.done")
			.isEqualTo(0)
			.jsonPath("$.returnData.tasks_per_status.archived")
			.isEqualTo(1);
		call("{\"service\":\"project\",\"action\":\"summary\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData.project_id")
			.isEmpty()
			.jsonPath("$.returnData.tasks_per_status.open")
			.value((Integer open) -> assertThat(open).isGreaterThanOrEqualTo(4))
			.jsonPath("$.returnData.tasks_per_status.in_progress")
			.isNumber()
			.jsonPath("$.returnData.tasks_per_status.done")
			.value((Integer done) -> assertThat(done).isPositive())
			.jsonPath("$.returnData.tasks_per_status.archived")
			.value((Integer archived) -> assertThat(archived).isPositive());
		call("{\"service\":\"project\",\"action\":\"summary\",\"project_id\":424242}").expectStatus().isNotFound();
	}

	@Test
	void aClientErrorIsAnEnvelope() {
		call("{\"service\":\"task\",\"action\":\"remove\"}").expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.returnMessage")
			.isEqualTo("Action removeAction not found in the task context");
	}

}
