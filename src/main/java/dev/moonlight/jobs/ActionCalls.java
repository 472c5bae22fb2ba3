package dev.moonlight.jobs;

import dev.moonlight.dispatch.ActionContext;
import dev.moonlight.dispatch.Dispatcher;
import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.UploadedFiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The {@link Calls} of one call: its caller, version, request id and deferred work. */
final class ActionCalls implements Calls {

	private final Jobs jobs;

	private final Dispatcher dispatcher;

	private final JsonMapper mapper;

	private final ActionContext context;

	ActionCalls(Jobs jobs, Dispatcher dispatcher, JsonMapper mapper, ActionContext context) {
		this.jobs = jobs;
		this.dispatcher = dispatcher;
		this.mapper = mapper;
		this.context = context;
	}

	@Override
	public void defer(Runnable task) {
		context.deferred().defer(task);
	}

	@Override
	public String queue(String service, String action, Object payload, JobOptions options) {
		return jobs.push(context, service, action, payload, options);
	}

	@Override
	public Envelope dispatch(String service, String action, Object payload) {
		JsonNode tree = (payload == null) ? mapper.createObjectNode() : mapper.valueToTree(payload);
		if (!(tree instanceof ObjectNode params)) {
			throw new IllegalArgumentException(
					"A payload must be an object (a record or a map), not " + tree.getNodeType());
		}
		return dispatcher.call(new ActionContext(context.version(), service, action, context.requestId(),
				context.caller(), params, UploadedFiles.NONE, context.deferred()));
	}

}
