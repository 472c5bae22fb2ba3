package dev.moonlight.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A pipeline whose consumers ask for jobs (memory, jdbc), as opposed to one a broker pushes jobs from. */
interface PullQueue extends Pipeline {

	/** Claims up to {@code max} due jobs for {@code consumer}, each marked running with one more attempt. */
	List<Job> claim(int max, String consumer);

	/** Records the outcomes of finished runs, together. */
	void settleAll(List<Finished> runs);

	/**
	 * Puts back jobs {@code consumer} claimed but never started (it is stopping, or the pipeline was paused): queued
	 * again, the claim's attempt not counted, so the next consumer runs them as if they had never been taken.
	 */
	void release(List<Job> unstarted, String consumer);

	/** How many claimed jobs a consumer may hold beyond those running: the size of one claim. */
	int prefetch();

	/** How long an idle consumer waits before it looks again (a local push wakes it sooner). */
	Duration pollInterval();

	/** When the next delayed job becomes due, if the queue knows. */
	default Optional<Instant> nextDue() {
		return Optional.empty();
	}

	/** How often {@link #housekeeping} runs. */
	default Duration housekeepingInterval() {
		return Duration.ofSeconds(10);
	}

	/** Keeps claims alive and frees those of dead consumers; called every {@link #housekeepingInterval}. */
	default void housekeeping(String consumer) {
	}

	/** Registers what to call when a job is pushed in this process, so an idle consumer starts at once. */
	void onPush(Runnable wake);

	/**
	 * One finished run, waiting to be recorded.
	 *
	 * @param job the job as it was claimed for the run
	 * @param outcome what the run decided
	 */
	record Finished(Job job, Outcome outcome) {
	}

}
