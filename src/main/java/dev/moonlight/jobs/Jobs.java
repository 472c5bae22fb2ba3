package dev.moonlight.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.moonlight.database.AfterCommit;
import dev.moonlight.dispatch.ActionContext;
import dev.moonlight.dispatch.Caller;
import dev.moonlight.dispatch.Deferred;
import dev.moonlight.dispatch.Dispatcher;
import dev.moonlight.dispatch.UploadedFiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Queues jobs: checks that the action exists, records who queued it and whom it runs as,
 * and hands it to its pipeline. With jobs off, or when the pipeline refuses the job (a
 * database or broker that is down), the job runs right after the response in this process
 * instead, once, as Pionia does without RoadRunner, and the log says so the first time.
 * Actions reach this through their {@link Calls} parameter; other code may use this bean
 * directly.
 */
public final class Jobs {

	private static final Logger logger = LoggerFactory.getLogger(Jobs.class);

	private final Pipelines pipelines;

	private final Dispatcher dispatcher;

	private final JsonMapper mapper;

	private final JobsSection settings;

	private final JobRunner inlineRunner;

	private final Clock clock;

	private final AtomicBoolean toldInline = new AtomicBoolean();

	Jobs(Pipelines pipelines, Dispatcher dispatcher, JsonMapper mapper, JobsSection settings, Clock clock) {
		this.pipelines = pipelines;
		this.dispatcher = dispatcher;
		this.mapper = mapper;
		this.settings = settings;
		this.clock = clock;
		this.inlineRunner = new JobRunner(dispatcher, null, settings.backoff(), clock, JobMeters.NONE);
	}

	/**
	 * Queues a job outside any call (a scheduled task, a listener): it runs as
	 * {@code options.runAs()} or anonymously.
	 * @return the job id
	 */
	public String push(String service, String action, Object payload, JobOptions options) {
		return push(null, service, action, payload, options);
	}

	/**
	 * Queues a job on behalf of the call {@code origin} (its caller, version and deferred
	 * work), or of none.
	 * @return the job id
	 * @throws dev.moonlight.dispatch.NotFoundException when the action does not exist
	 */
	String push(ActionContext origin, String service, String action, Object payload, JobOptions options) {
		Job job = job(origin, service, action, toPayload(payload), options);
		if (!settings.enabled()) {
			runAfterResponse(job, origin, "Jobs are off ([jobs] ENABLED=false)");
			return job.id();
		}
		try {
			pipelines.get(job.pipeline()).push(job);
		}
		catch (RuntimeException ex) {
			logger.warn("Moonlight job queue unavailable (pipeline {}: {}), running job {} ({}) after the response in"
					+ " this process", job.pipeline(), ex.getMessage(), job.id(), job.label());
			runAfterResponse(inlined(job), origin, null);
		}
		return job.id();
	}

	/** A job by id, in whichever pipeline holds it. */
	public Optional<Job> find(String id) {
		return pipelines.find(id);
	}

	private Job job(ActionContext origin, String service, String action, ObjectNode payload, JobOptions options) {
		String version = (options.version() != null) ? options.version()
				: (origin != null) ? origin.version() : dispatcher.registry().versions().iterator().next();
		dispatcher.registry().require(version, service, action);
		String pipeline = settings.enabled()
				? ((options.pipeline() != null) ? options.pipeline() : settings.defaultPipeline())
				: InlinePipeline.NAME;
		pipelines.get(pipeline);
		int priority = (options.priority() != null) ? options.priority()
				: settings.pipeline(pipeline).map(PipelineSection::priority).orElse(PipelineSection.DEFAULT_PRIORITY);
		Caller creator = (origin != null) ? origin.caller() : Caller.ANONYMOUS;
		Caller runAs = (options.runAs() != null) ? options.runAs() : creator;
		Instant now = clock.instant();
		Duration delay = (options.delay() != null) ? options.delay() : Duration.ZERO;
		return new Job(UUID.randomUUID().toString(), pipeline, version, service, action, payload, JobStatus.QUEUED,
				priority, 0, (options.maxAttempts() != null) ? options.maxAttempts() : settings.maxAttempts(),
				creator.id(), runAs, null, now, now.plus(delay), null, null);
	}

	private ObjectNode toPayload(Object payload) {
		if (payload == null) {
			return mapper.createObjectNode();
		}
		JsonNode tree = mapper.valueToTree(payload);
		if (!(tree instanceof ObjectNode object)) {
			throw new IllegalArgumentException(
					"A job payload must be an object (a record or a map), not " + tree.getNodeType());
		}
		return object;
	}

	private static Job inlined(Job job) {
		return new Job(job.id(), InlinePipeline.NAME, job.version(), job.service(), job.action(), job.payload(),
				job.status(), job.priority(), job.attempts(), job.maxAttempts(), job.createdBy(), job.runAs(),
				job.lastError(), job.createdAt(), job.availableAt(), null, null);
	}

	/**
	 * Records the job and runs it once the origin's response is written (or at once on a
	 * worker without one).
	 */
	private void runAfterResponse(Job job, ActionContext origin, String why) {
		if (why != null && toldInline.compareAndSet(false, true)) {
			logger.info("{}: queued jobs run right after the response in this process, once each", why);
		}
		// Inside the caller's transaction the job is left at its commit, none on
		// rollback.
		AfterCommit.run("job " + job.id() + " (" + job.label() + ") after the response", () -> {
			pipelines.inline().push(job);
			Runnable run = () -> runInline(job);
			if (origin != null) {
				origin.deferred().defer(run);
				return;
			}
			ActionContext carrier = new ActionContext(job.version(), job.service(), job.action(), job.id(), job.runAs(),
					job.payload(), UploadedFiles.NONE, Deferred.afterCall());
			carrier.deferred().defer(run);
			dispatcher.afterResponse(carrier);
		});
	}

	private void runInline(Job job) {
		Job running = job.claimed().started(clock.instant());
		pipelines.inline().update(running);
		Outcome outcome = inlineRunner.execute(running);
		if (outcome.status() == JobStatus.QUEUED) {
			outcome = Outcome.failed(outcome.error());
		}
		pipelines.inline().update(outcome.applyTo(running, clock.instant()));
	}

}
