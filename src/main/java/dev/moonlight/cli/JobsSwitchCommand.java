package dev.moonlight.cli;

import java.util.List;

import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code jobs:pause} and {@code jobs:resume}: one switch, thrown one way or the other,
 * for one pipeline or all of them. Subclasses only name the direction.
 */
abstract class JobsSwitchCommand extends JobsCommand {

	private final String direction;

	private final String done;

	@Parameters(arity = "0..1", paramLabel = "PIPELINE", description = "The pipeline; all of them when left out.")
	String pipeline;

	/**
	 * @param direction {@code pause} or {@code resume}: the method is
	 * {@code jobs.<direction>}
	 * @param done what the answer lists, {@code paused} or {@code resumed}
	 */
	JobsSwitchCommand(Class<?> application, String direction, String done) {
		super(application);
		this.direction = direction;
		this.done = done;
	}

	@Override
	final String method() {
		return "jobs." + direction;
	}

	@Override
	final void params(ObjectNode params) {
		params.put("pipeline", pipeline);
	}

	@Override
	final int print(JsonNode result, Output output) {
		JsonNode names = result.path(done);
		List<String> switched = Output.strings(names);
		output.print(names, () -> Character.toUpperCase(done.charAt(0)) + done.substring(1) + ": "
				+ String.join(", ", switched) + System.lineSeparator());
		return 0;
	}

}
