package dev.moonlight.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A pipeline whose consumers ask for jobs (memory, jdbc), as opposed to one a broker
 * pushes jobs from.
 */
interface PullQueue extends Pipeline {

	/**
	 * Claims up to {@code max} due jobs for {@code consumer}: running as far as other
	 * consumers know, held by its lease, but not started, so no attempt counts yet.
	 */
	List<Job> claim(int max, String consumer);

	/**
	 * Starts the run of a claimed job: its attempt counts from now. Empty when the claim
	 * is no longer the consumer's (its lease ran out meanwhile); then the job must not
	 * run.
	 */
	Optional<Job> start(Job claimed, String consumer);

	/** Records the outcomes of finished runs, together. */
	void settleAll(List<Finished> runs);

	/**
	 * Hands back jobs {@code consumer} holds (it is stopping, or the pipeline was
	 * paused): queued again as before the claim, so the next consumer runs them as if
	 * they had never been taken; a job that had started gives its attempt back (a
	 * shutdown that stopped waiting for it).
	 */
	void release(List<Job> jobs, String consumer);

	/**
	 * How many claimed jobs a consumer may hold beyond those running: the size of one
	 * claim.
	 */
	int prefetch();

	/**
	 * How long an idle consumer waits before it looks again (a local push wakes it
	 * sooner).
	 */
	Duration pollInterval();

	/** When the next delayed job becomes due, if the queue knows. */
	default Optional<Instant> nextDue() {
		return Optional.empty();
	}

	/**
	 * How often a consumer renews its claims ({@link #renew}) and frees those of dead
	 * consumers ({@link #reclaim}).
	 */
	default Duration heartbeat() {
		return Duration.ofSeconds(10);
	}

	/**
	 * Extends the lease of the claims {@code consumer} holds ({@code ids}): it is alive.
	 */
	default void renew(String consumer, Collection<String> ids) {
	}

	/**
	 * Frees the claims of consumers that are gone: those whose lease ran out, and those
	 * of dead processes here.
	 */
	default void reclaim() {
	}

	/**
	 * Registers what to call when a job is pushed in this process, so an idle consumer
	 * starts at once.
	 */
	void onPush(Runnable wake);

	/**
	 * One finished run, waiting to be recorded.
	 *
	 * @param job the job as it was started for the run
	 * @param outcome what the run decided
	 */
	record Finished(Job job, Outcome outcome) {
	}

}
