package dev.moonlight.jobs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Jobs kept in this process for their status: the memory pipeline's and those run after
 * the response. Finished jobs beyond {@link #KEEP_FINISHED} are forgotten, oldest first,
 * so a long-running server does not grow without bound.
 */
final class MemoryLedger {

	/** Finished jobs kept for {@code jobs.status}. */
	static final int KEEP_FINISHED = 10_000;

	private final Map<String, Job> jobs = new LinkedHashMap<>();

	private final Deque<String> finished = new ArrayDeque<>();

	synchronized void put(Job job) {
		record(job);
	}

	/** Several changes under one lock, as the consumer records them in batches. */
	synchronized void putAll(List<Job> changed) {
		changed.forEach(this::record);
	}

	private void record(Job job) {
		jobs.put(job.id(), job);
		if (job.status() == JobStatus.DONE || job.status() == JobStatus.FAILED) {
			finished.add(job.id());
			while (finished.size() > KEEP_FINISHED) {
				String oldest = finished.poll();
				Job kept = jobs.get(oldest);
				if (kept != null && (kept.status() == JobStatus.DONE || kept.status() == JobStatus.FAILED)) {
					jobs.remove(oldest);
				}
			}
		}
	}

	synchronized Optional<Job> find(String id) {
		return Optional.ofNullable(jobs.get(id));
	}

	synchronized List<Job> list(JobStatus status, int limit) {
		List<Job> all = new ArrayList<>(jobs.values());
		List<Job> newest = new ArrayList<>();
		for (int i = all.size() - 1; i >= 0 && newest.size() < limit; i--) {
			if (status == null || all.get(i).status() == status) {
				newest.add(all.get(i));
			}
		}
		return newest;
	}

	synchronized Map<JobStatus, Long> counts() {
		Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
		jobs.values().forEach((job) -> counts.merge(job.status(), 1L, Long::sum));
		return counts;
	}

}
