package dev.moonlight.jobs;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Times every run of a job for {@code /metrics}: {@code moonlight_jobs_seconds} by pipeline, action and outcome
 * ({@code done}, {@code retry}, {@code failed}), so a dashboard shows throughput, latency and failure rates.
 */
@FunctionalInterface
interface JobMeters {

	/** When no meter registry exists. */
	JobMeters NONE = (job, outcome, nanos) -> {
	};

	void ran(Job job, Outcome outcome, long nanos);

	static JobMeters of(MeterRegistry registry) {
		return (job, outcome, nanos) -> Timer.builder("moonlight.jobs")
			.description("Runs of queued jobs")
			.tag("pipeline", job.pipeline())
			.tag("action", job.label())
			.tag("outcome", (outcome.status() == JobStatus.QUEUED) ? "retry" : outcome.status().wire())
			.register(registry)
			.record(nanos, TimeUnit.NANOSECONDS);
	}

}
