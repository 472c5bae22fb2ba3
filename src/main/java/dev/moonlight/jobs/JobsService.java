package dev.moonlight.jobs;

import java.util.Map;
import java.util.Objects;

import jakarta.validation.constraints.NotBlank;

import dev.moonlight.dispatch.Action;
import dev.moonlight.dispatch.Caller;
import dev.moonlight.dispatch.ForbiddenException;
import dev.moonlight.dispatch.MoonlightService;
import dev.moonlight.dispatch.NotFoundException;
import dev.moonlight.security.Authenticated;

/**
 * The built-in {@code jobs} service, on every API version: {@code jobs.status} answers a
 * job's status, attempts, last error and timestamps to the caller who queued it or to a
 * holder of {@value #MANAGE}. The creator reads an unexpected exception's text as
 * {@value JobErrors#HIDDEN}, as a 500 envelope would show it.
 */
@MoonlightService(value = "jobs", everyVersion = true)
@Authenticated
final class JobsService {

	/** The permission to read every job. */
	static final String MANAGE = "jobs.manage";

	private final Pipelines pipelines;

	private final boolean debug;

	JobsService(Pipelines pipelines, boolean debug) {
		this.pipelines = pipelines;
		this.debug = debug;
	}

	/** The parameters of {@code jobs.status}: the {@code job_id} a 202 answered. */
	record StatusParams(@NotBlank String jobId) {
	}

	@Action(message = "OK")
	public Map<String, Object> status(StatusParams params, Caller caller) {
		String id = params.jobId().strip();
		Job job = pipelines.find(id).orElseThrow(() -> new NotFoundException("Job " + id + " not found"));
		boolean manager = caller.can(MANAGE);
		if (!manager && (job.createdBy() == null || !Objects.equals(caller.id(), job.createdBy()))) {
			throw new ForbiddenException(
					"Only the caller who queued job " + id + " or a member with " + MANAGE + " may read it");
		}
		Map<String, Object> view = job.describe();
		if (!manager && !debug) {
			view.put("last_error", JobErrors.forCreator(job.lastError()));
		}
		return view;
	}

}
