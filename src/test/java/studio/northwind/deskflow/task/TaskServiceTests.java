package studio.northwind.deskflow.task;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.moonlight.dispatch.ActionContext;
import dev.moonlight.dispatch.Caller;
import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.ForbiddenException;
import dev.moonlight.dispatch.NotFoundException;
import dev.moonlight.dispatch.UnprocessableException;
import dev.moonlight.dispatch.UploadedFiles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import studio.northwind.deskflow.DeskFlowDataTest;
import studio.northwind.deskflow.FakeCalls;
import studio.northwind.deskflow.mail.AssignmentMail;
import studio.northwind.deskflow.mail.MailService;
import studio.northwind.deskflow.RecordedChannels;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static studio.northwind.deskflow.SeededCallers.ALEX;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The task actions on the seeded database (validation of their parameters is in
 * {@link TaskParamsTests}).
 */
@DeskFlowDataTest
class TaskServiceTests {

	/** Binds as the dispatcher does: snake_case wire names, unknown keys ignored. */
	private static final JsonMapper JSON = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	@Autowired
	private TaskService service;

	@Autowired
	private RecordedChannels channels;

	@Test
	void listAnswersTheTutorialTasksInIdOrder() {
		assertThat(titles(service.list(params("{}")))).containsExactly("Review homepage mockups",
				"Prepare sprint retro notes", "Update client project brief");
	}

	@Test
	void listFiltersByStatusAssigneeAndProject() {
		assertThat(titles(service.list(params("{\"status\": \"open\", \"assignee\": \"alex@northwind.studio\"}"))))
			.containsExactly("Review homepage mockups");
		create("{\"title\": \"Draft sitemap\", \"project_id\": 1}");
		assertThat(titles(service.list(params("{\"project_id\": \"1\"}")))).containsExactly("Draft sitemap");
	}

	@Test
	void listSortsByAllowedColumns() {
		assertThat(titles(service.list(params("{\"sort\": \"-status,title\"}"))))
			.containsExactly("Review homepage mockups", "Update client project brief", "Prepare sprint retro notes");
	}

	@Test
	void listRejectsAnUnknownSortAndStatusTogether() {
		assertThatExceptionOfType(UnprocessableException.class)
			.isThrownBy(() -> service.list(params("{\"sort\": \"assignee\", \"status\": \"later\"}")))
			.satisfies((ex) -> assertThat(ex.errors().asMap()).containsOnlyKeys("status", "sort"));
	}

	@Test
	void listWithLimitPutsThePaginationKeysBesideTasks() {
		Map<String, Object> page = service.list(params("{\"limit\": 2, \"offset\": 0}"));
		assertThat(titles(page)).hasSize(2);
		assertThat(page).containsEntry("total_count", 3L)
			.containsEntry("has_next", true)
			.containsEntry("next_offset", 2L)
			.containsEntry("current_limit", 2)
			.containsKey("has_previous");
		assertThat(page.keySet()).first().isEqualTo("tasks");
	}

	@Test
	void getAnswersTheTaskOr404NamingTheId() {
		Task task = task(service.get(new TaskIdParams(3L)));
		assertThat(task.assignee()).isEqualTo("jamie@northwind.studio");
		assertThat(task.createdAt()).isNotNull();
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> service.get(new TaskIdParams(404L)))
			.withMessage("Task with id 404 not found");
	}

	@Test
	void createFillsTheTutorialDefaults() {
		Envelope envelope = created(
				service.create(new CreateTaskParams("  Ship DeskFlow tutorial ", null, null, null, null, null), ALEX));
		assertThat(envelope.returnMessage()).isEqualTo("Task created");
		Task task = task(envelope.returnData());
		assertThat(task.id()).isPositive();
		assertThat(task.title()).as("the title is trimmed").isEqualTo("Ship DeskFlow tutorial");
		assertThat(task.status()).isEqualTo("open");
		assertThat(task.assignee()).isEqualTo("alex@northwind.studio");
		assertThat(task.updatedAt()).isNotNull();
	}

	@Test
	void aTaskCreatedWithoutAnAssigneeGoesToItsCreatorNotToTheDemoAccount() {
		Caller jamie = new Caller("2", "Jamie", Set.of(), Map.of("email", "Jamie@Northwind.Studio"));
		Task task = task(
				created(service.create(new CreateTaskParams("Jamie's own task", null, null, null, null, null), jamie))
					.returnData());
		assertThat(task.assignee()).isEqualTo("jamie@northwind.studio");
		Caller keyHolder = new Caller("ci", "CI key", Set.of("task.manage"), Map.of());
		assertThat(task(
				created(service.create(new CreateTaskParams("From a key", null, null, null, null, null), keyHolder))
					.returnData())
			.assignee()).as("a caller without an email leaves it unassigned").isNull();
	}

	@Test
	void updateChangesSentFieldsClearsNullsAndKeepsTheRest() {
		Task created = create("{\"title\": \"Book venue\", \"project_id\": 2, \"due_date\": \"2026-06-01\"}");
		Envelope envelope = update("{\"id\": " + created.id() + ", \"status\": \"in_progress\", \"due_date\": null}");
		assertThat(envelope.returnMessage()).isEqualTo("Task updated");
		Task updated = task(envelope.returnData());
		assertThat(updated.status()).isEqualTo("in_progress");
		assertThat(updated.dueDate()).as("null clears").isNull();
		assertThat(updated.projectId()).as("left out, kept").isEqualTo(2L);
		assertThat(updated.title()).isEqualTo("Book venue");
		assertThat(updated.updatedAt()).isAfterOrEqualTo(created.updatedAt());
	}

	@Test
	void updateOfAMissingTaskIs404() {
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> update("{\"id\": 99, \"status\": \"done\"}"))
			.withMessage("Task with id 99 not found");
	}

	@Test
	void deleteAnswersTheDeletedTask() {
		Envelope envelope = service.delete(new TaskIdParams(2L), ALEX);
		assertThat(envelope.returnMessage()).isEqualTo("Task deleted");
		assertThat(task(envelope.returnData()).title()).isEqualTo("Prepare sprint retro notes");
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> service.get(new TaskIdParams(2L)));
	}

	@Test
	void assignGivesTheTaskToAnotherMemberAndQueuesTheirMail() {
		FakeCalls calls = new FakeCalls();
		Envelope envelope = service.assign(new AssignTaskParams(1L, "jamie@northwind.studio"), calls, ALEX);
		assertThat(envelope.returnMessage()).isEqualTo("Task assigned");
		assertThat(task(envelope.returnData()).assignee()).isEqualTo("jamie@northwind.studio");
		assertThat(((TaskService.Assigned) envelope.returnData()).jobId()).as("the queued job's id").isEqualTo("job-1");
		assertThat(calls.queued()).singleElement().satisfies((job) -> {
			assertThat(job.service() + "." + job.action()).isEqualTo("mail.send_assignment");
			assertThat(job.payload())
				.isEqualTo(new AssignmentMail(1L, "Review homepage mockups", "jamie@northwind.studio"));
			assertThat(job.options().runAs()).as("mail jobs run as the mailer").isEqualTo(MailService.SENDER);
		});
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> service.assign(new AssignTaskParams(99L, "jamie@northwind.studio"), calls, ALEX));
		assertThat(calls.queued()).as("no mail for a task that does not exist").hasSize(1);
	}

	@Test
	void closeByTheAssigneeSetsDone() {
		Envelope envelope = service.close(new TaskIdParams(3L), member("2", "JAMIE@northwind.studio"));
		assertThat(envelope.returnMessage()).isEqualTo("Task closed");
		assertThat(task(envelope.returnData()).status()).isEqualTo("done");
	}

	@Test
	void closeByAnotherMemberIsForbiddenUnlessTheyManageTasks() {
		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(() -> service.close(new TaskIdParams(1L), member("2", "jamie@northwind.studio")))
			.withMessage("Only the assignee of task 1 or a member with task.manage may mark it done");
		Caller manager = new Caller("9", "lead@northwind.studio", Set.of("task.manage"),
				Map.of("email", "lead@northwind.studio"));
		assertThat(task(service.close(new TaskIdParams(3L), manager).returnData()).status()).isEqualTo("done");
	}

	@Test
	void storedChangesAreAnnouncedOnTheTasksChannelAndFailedOnesAreNot() {
		channels.clear();
		Task created = create("{\"title\": \"Announce me\"}");
		update("{\"id\": " + created.id() + ", \"status\": \"in_progress\"}");
		service.assign(new AssignTaskParams(created.id(), "jamie@northwind.studio"), new FakeCalls(), ALEX);
		service.close(new TaskIdParams(created.id()), member("2", "jamie@northwind.studio"));
		service.delete(new TaskIdParams(created.id()), ALEX);
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(
				() -> service.assign(new AssignTaskParams(99L, "jamie@northwind.studio"), new FakeCalls(), ALEX));
		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(() -> service.close(new TaskIdParams(1L), member("2", "jamie@northwind.studio")));
		assertThat(channels.published()).extracting(RecordedChannels.Published::event)
			.containsExactly("task.created", "task.updated", "task.assigned", "task.closed", "task.deleted");
		assertThat(channels.published()).allSatisfy((event) -> {
			assertThat(event.channel()).isEqualTo(TaskService.CHANNEL);
			assertThat(task(event.data()).id()).isEqualTo(created.id());
		});
	}

	private static Caller member(String id, String email) {
		return new Caller(id, email, Set.of(), Map.of("email", email));
	}

	private Task create(String json) {
		CreateTaskParams params = JSON.convertValue(params(json), CreateTaskParams.class);
		return task(created(service.create(params, ALEX)).returnData());
	}

	/**
	 * Inside the test's transaction the insert joins it, so the stage is already
	 * complete.
	 */
	private static Envelope created(CompletionStage<Envelope> create) {
		CompletableFuture<Envelope> future = create.toCompletableFuture();
		assertThat(future).as("a create inside a transaction runs in it, at once").isDone();
		return future.join();
	}

	private Envelope update(String json) {
		ObjectNode raw = params(json);
		UpdateTaskParams params = JSON.convertValue(raw, UpdateTaskParams.class);
		return service.update(params, new ActionContext("v1", "task", "update", "test", ALEX, raw, UploadedFiles.NONE));
	}

	private static ObjectNode params(String json) {
		return (ObjectNode) JSON.readTree(json);
	}

	@SuppressWarnings("unchecked")
	private static List<String> titles(Map<String, Object> data) {
		return ((List<Task>) data.get("tasks")).stream().map(Task::title).toList();
	}

	private static Task task(Object data) {
		return (data instanceof TaskService.Assigned assigned) ? assigned.task()
				: (Task) ((Map<?, ?>) data).get("task");
	}

}
