package dev.moonlight.jobs;

import org.springframework.beans.factory.ObjectProvider;

import dev.moonlight.dispatch.ActionContext;
import dev.moonlight.dispatch.CallArgument;
import dev.moonlight.dispatch.Dispatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Supplies an action's {@link Calls} parameter. The jobs and the dispatcher are looked up
 * when first needed: the action table, which needs this argument, is built before them.
 */
final class CallsArgument implements CallArgument<Calls> {

	private final ObjectProvider<Jobs> jobs;

	private final ObjectProvider<Dispatcher> dispatcher;

	private final JsonMapper mapper;

	CallsArgument(ObjectProvider<Jobs> jobs, ObjectProvider<Dispatcher> dispatcher, JsonMapper mapper) {
		this.jobs = jobs;
		this.dispatcher = dispatcher;
		this.mapper = mapper;
	}

	@Override
	public Class<Calls> type() {
		return Calls.class;
	}

	@Override
	public Calls resolve(ActionContext context) {
		return new ActionCalls(jobs.getObject(), dispatcher.getObject(), mapper, context);
	}

}
