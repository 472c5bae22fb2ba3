package dev.moonlight.jobs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Times every run of a job for {@code /metrics}: {@code moonlight_jobs_seconds} by
 * pipeline, action and outcome ({@code done}, {@code retry}, {@code failed}), so a
 * dashboard shows throughput, latency and failure rates.
 */
@FunctionalInterface
interface JobMeters {

	/** When no meter registry exists. */
	JobMeters NONE = (job, outcome, nanos) -> {
	};

	void ran(Job job, Outcome outcome, long nanos);

	/**
	 * Each timer is registered once and kept: building and looking one up per run cost
	 * more than the run.
	 */
	static JobMeters of(MeterRegistry registry) {
		Map<Key, Timer> timers = new ConcurrentHashMap<>();
		return (job, outcome, nanos) -> {
			Key key = new Key(job.pipeline(), job.service(), job.action(), outcome.status());
			Timer timer = timers.get(key);
			if (timer == null) {
				timer = timers.computeIfAbsent(key,
						(missing) -> Timer.builder("moonlight.jobs")
							.description("Runs of queued jobs")
							.tag("pipeline", job.pipeline())
							.tag("action", job.label())
							.tag("outcome", (outcome.status() == JobStatus.QUEUED) ? "retry" : outcome.status().wire())
							.register(registry));
			}
			timer.record(nanos, TimeUnit.NANOSECONDS);
		};
	}

	/** What tells the timers apart. */
	record Key(String pipeline, String service, String action, JobStatus outcome) {
	}

}
