package dev.moonlight.jobs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every pipeline of this application by name, the default one, and the
 * {@link InlinePipeline} for jobs run after the response. Built once at boot; closing it
 * closes the broker connection an amqp pipeline holds.
 */
final class Pipelines implements AutoCloseable {

	private final Map<String, Pipeline> byName;

	private final String defaultName;

	private final InlinePipeline inline;

	private final AutoCloseable resources;

	/**
	 * {@code resources}: what the pipelines hold open (a broker connection), closed with
	 * them.
	 */
	Pipelines(List<Pipeline> pipelines, String defaultName, InlinePipeline inline, AutoCloseable resources) {
		Map<String, Pipeline> named = new LinkedHashMap<>();
		pipelines.forEach((pipeline) -> named.put(pipeline.name(), pipeline));
		this.byName = named;
		this.defaultName = defaultName;
		this.inline = inline;
		this.resources = resources;
	}

	/** Only the inline pipeline: jobs are off. */
	static Pipelines inlineOnly() {
		InlinePipeline inline = new InlinePipeline();
		return new Pipelines(List.of(), InlinePipeline.NAME, inline, () -> {
		});
	}

	/**
	 * The pipeline by name.
	 * @throws IllegalArgumentException naming the pipelines there are
	 */
	Pipeline get(String name) {
		Pipeline pipeline = InlinePipeline.NAME.equals(name) ? inline : byName.get(name);
		if (pipeline == null) {
			throw new IllegalArgumentException(
					"No pipeline '" + name + "'; pipelines: " + String.join(", ", names()) + ".");
		}
		return pipeline;
	}

	String defaultName() {
		return defaultName;
	}

	InlinePipeline inline() {
		return inline;
	}

	/**
	 * The configured pipelines, then the inline one when it has had jobs (or is all there
	 * is).
	 */
	List<Pipeline> all() {
		List<Pipeline> all = new ArrayList<>(byName.values());
		if (byName.isEmpty() || !inline.counts().isEmpty()) {
			all.add(inline);
		}
		return all;
	}

	Collection<String> names() {
		return all().stream().map(Pipeline::name).toList();
	}

	/** A job by id, wherever it is. */
	Optional<Job> find(String id) {
		Optional<Job> found = inline.find(id);
		for (Pipeline pipeline : byName.values()) {
			if (found.isPresent()) {
				return found;
			}
			found = pipeline.find(id);
		}
		return found;
	}

	@Override
	public void close() throws Exception {
		resources.close();
	}

}
