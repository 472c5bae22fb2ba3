package dev.moonlight.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.moonlight.dispatch.ActionContext;
import dev.moonlight.dispatch.Deferred;
import dev.moonlight.dispatch.Dispatcher;
import dev.moonlight.dispatch.MoonlightException;
import dev.moonlight.dispatch.UploadedFiles;
import dev.moonlight.dispatch.WorkerPool;
import dev.moonlight.logging.RequestLogContext;
import reactor.core.publisher.Mono;

/**
 * Runs one claimed job as a request would run (the same lookup, guard and validation
 * through the {@link Dispatcher}, the job id as request id, the recorded caller) on a
 * jobs worker, and decides the {@link Outcome}: done, a retry after
 * {@code backoff × 2^(attempts-1)}, or failed once {@code max_attempts} runs have failed
 * or the call was refused.
 */
final class JobRunner {

	private static final Logger logger = LoggerFactory.getLogger(JobRunner.class);

	/** The longest wait between two attempts, however many there were. */
	static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

	private final Dispatcher dispatcher;

	private final WorkerPool pool;

	private final Duration backoff;

	private final Clock clock;

	private final JobMeters meters;

	/**
	 * {@code dispatcher} runs actions on the calling thread; {@code pool} supplies that
	 * thread.
	 */
	JobRunner(Dispatcher dispatcher, WorkerPool pool, Duration backoff, Clock clock, JobMeters meters) {
		this.dispatcher = dispatcher;
		this.pool = pool;
		this.backoff = backoff;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * Runs the job on a jobs worker; never fails: a rejection or timeout of the pool
	 * becomes the outcome too.
	 */
	Mono<Outcome> run(Job job) {
		long started = System.nanoTime();
		return pool.submit(job.label() + " (job " + job.id() + ")", () -> execute(job))
			.onErrorResume((ex) -> Mono.just(outcome(job, ex)))
			.doOnNext((outcome) -> meters.ran(job, outcome, System.nanoTime() - started));
	}

	/**
	 * Starts a claimed job on a jobs worker: {@code start} counts the attempt there,
	 * right before the run, and answers the started job, or empty when the claim was lost
	 * (the answer is empty too, and nothing runs). A rejection or timeout of the pool
	 * becomes the outcome, as in {@link #run}; one that came before the start is a retry
	 * that counts no attempt.
	 */
	Mono<PullQueue.Finished> start(Job claimed, Function<Job, Optional<Job>> start) {
		long begun = System.nanoTime();
		AtomicReference<Job> started = new AtomicReference<>();
		return pool.submit(claimed.label() + " (job " + claimed.id() + ")", () -> {
			Optional<Job> job = start.apply(claimed);
			job.ifPresent(started::set);
			return job.map((run) -> new PullQueue.Finished(run, execute(run))).orElse(null);
		})
			.onErrorResume((ex) -> Mono
				.just((started.get() != null) ? new PullQueue.Finished(started.get(), outcome(started.get(), ex))
						: new PullQueue.Finished(claimed, Outcome.retry(JobErrors.describe(ex), clock.instant()))))
			.doOnNext((run) -> meters.ran(run.job(), run.outcome(), System.nanoTime() - begun));
	}

	/** Runs the job on the calling thread, which may block. */
	Outcome execute(Job job) {
		try {
			dispatcher.call(context(job));
			return Outcome.DONE;
		}
		catch (RuntimeException ex) {
			return outcome(job, ex);
		}
	}

	Clock clock() {
		return clock;
	}

	private static ActionContext context(Job job) {
		return new ActionContext(job.version(), job.service(), job.action(), job.id(), job.runAs(),
				job.payload().deepCopy(), UploadedFiles.NONE, Deferred.afterCall());
	}

	Outcome outcome(Job job, Throwable failure) {
		String error = JobErrors.describe(failure);
		boolean retry = JobErrors.retryable(failure) && job.attempts() < job.maxAttempts();
		try (RequestLogContext log = RequestLogContext.open(job.id())) {
			if (retry) {
				logger.warn("Job {} ({}) failed, attempt {} of {}: {}", job.id(), job.label(), job.attempts(),
						job.maxAttempts(), error);
			}
			else if (failure instanceof MoonlightException) {
				logger.error("Job {} ({}) failed for good after {} attempt(s): {}", job.id(), job.label(),
						job.attempts(), error);
			}
			else {
				logger.error("Job {} ({}) failed for good after {} attempt(s)", job.id(), job.label(), job.attempts(),
						failure);
			}
		}
		return retry ? Outcome.retry(error, retryAt(job.attempts())) : Outcome.failed(error);
	}

	Instant retryAt(int attempts) {
		long factor = 1L << Math.min(Math.max(attempts - 1, 0), 20);
		Duration wait = backoff.multipliedBy(factor);
		return clock.instant().plus((wait.compareTo(MAX_BACKOFF) > 0) ? MAX_BACKOFF : wait);
	}

}
