package dev.moonlight.jobs;

import org.springframework.beans.factory.ObjectProvider;

import dev.moonlight.dispatch.ActionContext;
import dev.moonlight.dispatch.CallArgument;
import dev.moonlight.dispatch.Dispatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Supplies an action's {@link Moonlight} parameter. The jobs and the dispatcher are looked up when first needed: the
 * action table, which needs this argument, is built before them.
 */
final class MoonlightArgument implements CallArgument<Moonlight> {

	private final ObjectProvider<Jobs> jobs;

	private final ObjectProvider<Dispatcher> dispatcher;

	private final JsonMapper mapper;

	MoonlightArgument(ObjectProvider<Jobs> jobs, ObjectProvider<Dispatcher> dispatcher, JsonMapper mapper) {
		this.jobs = jobs;
		this.dispatcher = dispatcher;
		this.mapper = mapper;
	}

	@Override
	public Class<Moonlight> type() {
		return Moonlight.class;
	}

	@Override
	public Moonlight resolve(ActionContext context) {
		return new CallMoonlight(jobs.getObject(), dispatcher.getObject(), mapper, context);
	}

}
