package dev.moonlight.jobs;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One named pipeline: where its jobs wait, how consumers get them, and what the control
 * commands can see and change. A driver ({@code memory}, {@code jdbc}, {@code amqp}) is
 * one implementation.
 */
interface Pipeline {

	/** The pipeline's settings; its name and driver are read from them. */
	PipelineSection section();

	default String name() {
		return section().name();
	}

	default String driver() {
		return section().driver();
	}

	/** Stores a new job; it runs once a consumer claims it. */
	void push(Job job);

	Optional<Job> find(String id);

	/** The newest jobs, of one status or ({@code null}) of any. */
	List<Job> list(JobStatus status, int limit);

	Map<JobStatus, Long> counts();

	/**
	 * Queues failed jobs again with fresh attempts: one by id, or ({@code null}) all;
	 * answers the ids queued.
	 */
	List<String> retry(String id);

	/** Starts delivering jobs to {@code consumer}; the answer stops it. */
	Consumption consume(JobConsumer.Context consumer);

	/** A running consumption of one pipeline. */
	interface Consumption {

		/**
		 * Takes no new jobs; jobs already running finish (the consumer waits for them).
		 */
		void stop();

		/**
		 * Gives up on the jobs still running after the consumer waited
		 * {@code destroy_timeout} for them, before they are interrupted: they go back to
		 * the queue, their attempt not counted; answers how many. A broker's consumption
		 * leaves this to the broker, which delivers an unacknowledged job again.
		 */
		default int abandon() {
			return 0;
		}

	}

}
