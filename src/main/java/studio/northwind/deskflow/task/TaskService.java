package studio.northwind.deskflow.task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import dev.moonlight.dispatch.Action;
import dev.moonlight.dispatch.ActionContext;
import dev.moonlight.dispatch.Cursor;
import dev.moonlight.dispatch.Caller;
import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.MoonlightService;
import dev.moonlight.dispatch.NotFoundException;
import dev.moonlight.generic.Page;
import dev.moonlight.jobs.Calls;
import dev.moonlight.jobs.JobOptions;
import dev.moonlight.realtime.Channels;
import dev.moonlight.security.Authenticated;
import dev.moonlight.security.Can;
import studio.northwind.deskflow.mail.AssignmentMail;
import studio.northwind.deskflow.mail.MailService;
import studio.northwind.deskflow.member.CallerEmail;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hand-written {@code task} service of the tutorial: list, get, create, update,
 * assign, close and delete. Reading is public; writing needs a login; deleting needs
 * {@value TaskRules#MANAGE}. Who may change which task is decided by {@link TaskRules},
 * which every write asks with the change it is about to store. Public only because the
 * {@code v1} switch names the class; clients reach it solely through the envelope API.
 * <p>
 * Every stored change is announced on the {@value #CHANNEL} channel
 * ({@code moonlight:tasks} on the WebSocket) as {@code task.created},
 * {@code task.updated}, {@code task.assigned}, {@code task.closed} or
 * {@code task.deleted}, with the same {@code {"task": {...}}} the action answers.
 */
@MoonlightService("task")
public class TaskService {

	/** The realtime channel of task events. */
	static final String CHANNEL = "tasks";

	/** The rows an export reads from the database at a time. */
	static final int EXPORT_FETCH_SIZE = 1000;

	private final TaskRepository tasks;

	private final Channels channels;

	private final TaskRules rules;

	TaskService(TaskRepository tasks, Channels channels, TaskRules rules) {
		this.tasks = tasks;
		this.channels = channels;
		this.rules = rules;
	}

	/**
	 * {@code {"tasks": [...]}}; with {@code limit}/{@code offset} the pagination keys
	 * stand beside {@code tasks}.
	 */
	@Action(message = "OK")
	public Map<String, Object> list(ObjectNode params) {
		TaskQuery query = TaskQuery.from(params);
		if (query.page() == null) {
			return Map.of("tasks", tasks.find(query));
		}
		List<Task> found = tasks.find(query, query.page().limit(), query.page().offset());
		return new Page<>(found, query.page(), tasks.count(query)).toMap("tasks");
	}

	/**
	 * Every task that {@code task.list}'s filters and order select, streamed as the
	 * client reads it: the envelope's {@code returnData} array, or one task a line with
	 * {@code Accept: application/x-ndjson}. Without {@code list}'s cap or pages.
	 */
	@Action(message = "OK")
	public Cursor<Task> export(ObjectNode params) {
		return tasks.export(TaskQuery.from(params), EXPORT_FETCH_SIZE);
	}

	/** {@code {"task": {...}}}, or 404 naming the id. */
	@Action(message = "OK")
	public Map<String, Object> get(TaskIdParams params) {
		return Map.of("task", load(params.id()));
	}

	/**
	 * {@code {"task": {...}}} once the task is stored; the worker takes other calls while
	 * the commit is made.
	 */
	@Action
	@Authenticated
	public CompletionStage<Envelope> create(CreateTaskParams params, Caller caller) {
		Task task = params.toTask(CallerEmail.of(caller));
		rules.checkCreate(caller, task);
		return tasks.insert(task)
			.thenApply((stored) -> announce("task.created", Envelope.ok("Task created", Map.of("task", stored))));
	}

	/**
	 * Changes the fields the request sends; {@code null} clears description, assignee,
	 * project or due date.
	 */
	@Action
	@Authenticated
	public Envelope update(UpdateTaskParams params, ActionContext context) {
		Map<String, Object> changes = changes(params, context.params());
		rules.checkChange(context.caller(), load(params.id()), changes);
		if (!tasks.update(params.id(), changes)) {
			throw notFound(params.id());
		}
		return announce("task.updated", Envelope.ok("Task updated", Map.of("task", load(params.id()))));
	}

	/**
	 * Gives the task to a member by email and queues their notification
	 * ({@code mail.send_assignment}, run as the mailer); answers the task and the job's
	 * id at once, without waiting for the mail.
	 */
	@Action
	@Authenticated
	public Envelope assign(AssignTaskParams params, Calls calls, Caller caller) {
		String assignee = params.assignee().strip();
		Map<String, Object> changes = Map.of("assignee", assignee);
		rules.checkChange(caller, load(params.id()), changes);
		if (!tasks.update(params.id(), changes)) {
			throw notFound(params.id());
		}
		Task task = load(params.id());
		String jobId = calls.queue("mail", "send_assignment", new AssignmentMail(task.id(), task.title(), assignee),
				JobOptions.defaults().as(MailService.SENDER));
		return announce("task.assigned", Envelope.ok("Task assigned", new Assigned(task, jobId)));
	}

	/**
	 * An assignment's answer: a record, so its fields keep their order ({@code job_id}
	 * second).
	 */
	record Assigned(Task task, String jobId) {
	}

	/**
	 * Sets the status to {@code done}: the same change as an update to {@code done},
	 * under the same rule (the assignee, the token's {@code email}, or a holder of
	 * {@value TaskRules#MANAGE}; 403 for anyone else).
	 */
	@Action
	@Authenticated
	public Envelope close(TaskIdParams params, Caller caller) {
		Task task = load(params.id());
		Map<String, Object> changes = Map.of("status", "done");
		rules.checkChange(caller, task, changes);
		tasks.update(task.id(), changes);
		return announce("task.closed", Envelope.ok("Task closed", Map.of("task", load(task.id()))));
	}

	@Action
	@Can(TaskRules.MANAGE)
	public Envelope delete(TaskIdParams params, Caller caller) {
		Task task = load(params.id());
		rules.checkDelete(caller, task);
		if (!tasks.delete(params.id())) {
			throw notFound(params.id());
		}
		return announce("task.deleted", Envelope.ok("Task deleted", Map.of("task", task)));
	}

	/**
	 * Publishes the answer's data once the change is stored, so a subscriber that reacts
	 * finds it.
	 */
	private Envelope announce(String event, Envelope answer) {
		channels.publish(CHANNEL, event, answer.returnData());
		return answer;
	}

	/**
	 * Title and status cannot be null in the table, so a null there means "unchanged"
	 * rather than "clear".
	 */
	private static Map<String, Object> changes(UpdateTaskParams params, ObjectNode sent) {
		Map<String, Object> changes = new LinkedHashMap<>();
		if (params.title() != null) {
			changes.put("title", params.title().strip());
		}
		if (params.status() != null) {
			changes.put("status", params.status());
		}
		putIfSent(changes, sent, "description", params.description());
		putIfSent(changes, sent, "assignee", params.assignee());
		putIfSent(changes, sent, "project_id", params.projectId());
		putIfSent(changes, sent, "due_date", params.dueDate());
		return changes;
	}

	private static void putIfSent(Map<String, Object> changes, ObjectNode sent, String column, Object value) {
		if (sent.has(column)) {
			changes.put(column, value);
		}
	}

	private Task load(long id) {
		return tasks.findById(id).orElseThrow(() -> notFound(id));
	}

	private static NotFoundException notFound(long id) {
		return new NotFoundException("Task with id " + id + " not found");
	}

}
