package dev.moonlight.jobs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Job control for operators, behind the {@code jobs:*} commands and the admin RPC:
 * pipelines and their state, job counts, pause and resume (shared by every process on the
 * database), failed jobs and their retry. Every method answers plain records, lists and
 * maps, so each serialises to JSON as it is.
 */
public final class JobControl {

	private final Pipelines pipelines;

	private final PauseState pauses;

	private final Set<String> consumed;

	JobControl(Pipelines pipelines, PauseState pauses, Set<String> consumed) {
		this.pipelines = pipelines;
		this.pauses = pauses;
		this.consumed = Set.copyOf(consumed);
	}

	/**
	 * One pipeline: its driver, whether it is paused, whether this process consumes it.
	 */
	public record PipelineInfo(String name, String driver, boolean paused, boolean consumedHere) {
	}

	/** The jobs of one pipeline by status. */
	public record PipelineStats(String pipeline, String driver, long queued, long running, long done, long failed) {
	}

	/**
	 * Whether jobs are queued at all ({@code [jobs] ENABLED}); without, only the inline
	 * pipeline exists.
	 */
	public boolean enabled() {
		return pauses != null;
	}

	public List<PipelineInfo> list() {
		Set<String> paused = (pauses != null) ? pauses.pausedNames() : Set.of();
		return pipelines.all()
			.stream()
			.map((pipeline) -> new PipelineInfo(pipeline.name(), pipeline.driver(), paused.contains(pipeline.name()),
					consumed.contains(pipeline.name())))
			.toList();
	}

	public List<PipelineStats> stats() {
		return pipelines.all().stream().map((pipeline) -> {
			Map<JobStatus, Long> counts = pipeline.counts();
			return new PipelineStats(pipeline.name(), pipeline.driver(), counts.getOrDefault(JobStatus.QUEUED, 0L),
					counts.getOrDefault(JobStatus.RUNNING, 0L), counts.getOrDefault(JobStatus.DONE, 0L),
					counts.getOrDefault(JobStatus.FAILED, 0L));
		}).toList();
	}

	/**
	 * Pauses one pipeline, or ({@code null}) all; answers the pipelines now paused. New
	 * jobs are still taken.
	 */
	public List<String> pause(String pipeline) {
		return switchPipelines(pipeline, true);
	}

	/** Resumes one pipeline, or ({@code null}) all; answers the pipelines resumed. */
	public List<String> resume(String pipeline) {
		return switchPipelines(pipeline, false);
	}

	/** The newest failed jobs of every pipeline, at most {@code limit}. */
	public List<Job> failed(int limit) {
		List<Job> failed = new ArrayList<>();
		pipelines.all().forEach((pipeline) -> failed.addAll(pipeline.list(JobStatus.FAILED, limit)));
		failed.sort(Comparator.comparing(Job::createdAt).reversed());
		return failed.subList(0, Math.min(limit, failed.size()));
	}

	/**
	 * Queues a failed job again with a fresh set of attempts; answers its id, or nothing
	 * when no failed job has it.
	 */
	public List<String> retry(String id) {
		Job job = pipelines.find(id).orElse(null);
		if (job == null || job.status() != JobStatus.FAILED) {
			return List.of();
		}
		return pipelines.get(job.pipeline()).retry(id);
	}

	/** Queues every failed job again; answers their ids. */
	public List<String> retryAll() {
		List<String> ids = new ArrayList<>();
		pipelines.all().forEach((pipeline) -> ids.addAll(pipeline.retry(null)));
		return ids;
	}

	private List<String> switchPipelines(String pipeline, boolean pause) {
		if (pauses == null) {
			throw new IllegalStateException("Jobs are off ([jobs] ENABLED=false): there is no pipeline to "
					+ (pause ? "pause" : "resume") + ".");
		}
		List<String> names = (pipeline != null) ? List.of(pipelines.get(pipeline).name())
				: pipelines.all()
					.stream()
					.map(Pipeline::name)
					.filter((name) -> !InlinePipeline.NAME.equals(name))
					.toList();
		names.forEach((name) -> pauses.set(name, pause));
		return names;
	}

}
