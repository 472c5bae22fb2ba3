package dev.moonlight.rpc;

import java.util.List;

import dev.moonlight.dispatch.MoonlightJson;
import dev.moonlight.jobs.Job;
import dev.moonlight.jobs.JobControl;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code jobs.*} methods of the admin RPC over {@link JobControl}: {@code jobs.list},
 * {@code jobs.stats}, {@code jobs.pause} and {@code jobs.resume} ({@code pipeline}, all
 * when absent), {@code jobs.failed} ({@code limit}, 50) and {@code jobs.retry}
 * ({@code id}, or {@code all: true}). The {@code jobs:*} commands call the same methods
 * in-process when no server runs, so their output is the same whichever side answered.
 * Results are written with the envelope's snake_case mapper, as the commands'
 * {@code --json} always was. Most methods read the job store: call them off the event
 * loop.
 */
public final class JobsMethods {

	/** The method names, in the order error messages list them. */
	public static final List<String> NAMES = List.of("jobs.list", "jobs.stats", "jobs.pause", "jobs.resume",
			"jobs.failed", "jobs.retry");

	/** {@code jobs.failed} without a {@code limit}. */
	public static final int DEFAULT_LIMIT = 50;

	private static final JsonMapper JSON = MoonlightJson.create().mapper();

	private final JobControl control;

	public JobsMethods(JobControl control) {
		this.control = control;
	}

	/** An empty parameter object. */
	public static ObjectNode params() {
		return JSON.createObjectNode();
	}

	/**
	 * Runs one method; it may block on the database.
	 * @throws IllegalArgumentException for an unknown method, a malformed parameter or an
	 * unknown pipeline
	 * @throws IllegalStateException when jobs are off and the method needs a queue
	 */
	public ObjectNode call(String method, ObjectNode params) {
		RpcRequest request = new RpcRequest(method, params, null, null);
		try {
			return switch (method) {
				case "jobs.list" -> list();
				case "jobs.stats" -> result("pipelines", control.stats());
				case "jobs.pause" -> result("paused", control.pause(request.text("pipeline")));
				case "jobs.resume" -> result("resumed", control.resume(request.text("pipeline")));
				case "jobs.failed" ->
					result("jobs", control.failed(limit(request)).stream().map(Job::describe).toList());
				case "jobs.retry" -> result("queued", retry(request));
				default -> throw new IllegalArgumentException(
						"Unknown method '" + method + "'. Jobs methods: " + String.join(", ", NAMES) + ".");
			};
		}
		catch (RpcException ex) {
			throw new IllegalArgumentException(ex.getMessage());
		}
	}

	/**
	 * The pipelines, and whether jobs are queued at all (the table says so when they are
	 * not).
	 */
	private ObjectNode list() {
		ObjectNode result = result("pipelines", control.list());
		result.put("enabled", control.enabled());
		return result;
	}

	private List<String> retry(RpcRequest request) {
		String id = request.text("id");
		boolean all = request.flag("all");
		if ((id == null) == !all) {
			throw new IllegalArgumentException("jobs.retry takes a job \"id\" or \"all\": true (one of them).");
		}
		return all ? control.retryAll() : control.retry(id);
	}

	private static int limit(RpcRequest request) {
		JsonNode limit = request.params().get("limit");
		if (limit == null || limit.isNull()) {
			return DEFAULT_LIMIT;
		}
		if (!limit.isIntegralNumber() || !limit.canConvertToInt() || limit.intValue() < 1) {
			throw new IllegalArgumentException("Parameter limit must be a whole number of at least 1.");
		}
		return limit.intValue();
	}

	private static ObjectNode result(String name, Object value) {
		ObjectNode result = JSON.createObjectNode();
		result.set(name, tree(value));
		return result;
	}

	private static JsonNode tree(Object value) {
		return JSON.valueToTree(value);
	}

}
