package dev.moonlight.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.moonlight.config.PoolSection;

/**
 * Background jobs: {@code [jobs]} in settings.ini (Pionia's keys) and the {@code jobs}
 * section of {@code .rr.yaml} (RoadRunner's keys), read together because each names
 * things the other uses.
 *
 * @param enabled {@code [jobs] ENABLED} (or {@code JOBS_ENABLED}); default false: a
 * queued job then runs right after the response in the same process, as Pionia does
 * without RoadRunner
 * @param defaultPipeline {@code [jobs] PIPELINE} (or {@code JOBS_PIPELINE}): where jobs
 * go unless they name another; default {@value #DEFAULT_PIPELINE}
 * @param maxAttempts {@code [jobs] MAX_ATTEMPTS}: runs of a job before it is
 * {@code failed}; default 3
 * @param backoff {@code [jobs] BACKOFF}: the wait before the first retry, doubled for
 * each later one; default 1s
 * @param pool {@code jobs.pool}: the threads that run jobs, with the same keys and
 * defaults as {@code http.pool}
 * @param pipelines every pipeline: those of {@code jobs.pipelines}, plus the default one
 * when it is named after a driver and not declared
 * @param consume {@code jobs.consume}: the pipelines this process works; absent means all
 * of them
 * @param amqpAddress {@code amqp.addr}: the RabbitMQ broker of amqp pipelines; default
 * {@value #DEFAULT_AMQP_ADDRESS}
 */
public record JobsSection(boolean enabled, String defaultPipeline, int maxAttempts, Duration backoff, PoolSection pool,
		List<PipelineSection> pipelines, List<String> consume, String amqpAddress) {

	/**
	 * The pipeline jobs go to when {@code [jobs] PIPELINE} is not set: the durable queue
	 * in the database.
	 */
	public static final String DEFAULT_PIPELINE = "jdbc";

	/** RoadRunner's broker address on a development machine. */
	public static final String DEFAULT_AMQP_ADDRESS = "amqp://guest:guest@127.0.0.1:5672/";

	public JobsSection {
		pipelines = List.copyOf(pipelines);
		consume = List.copyOf(consume);
	}

	/** The pipeline by name. */
	public Optional<PipelineSection> pipeline(String name) {
		return this.pipelines.stream().filter((pipeline) -> pipeline.name().equals(name)).findFirst();
	}

}
