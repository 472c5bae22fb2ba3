package dev.moonlight.jobs;

import java.time.Duration;
import java.util.List;

/**
 * One job pipeline: {@code jobs.pipelines.<name>} in {@code .rr.yaml}, with RoadRunner's
 * {@code driver} and {@code config} keys.
 *
 * @param name the pipeline's name, which jobs and the {@code jobs:*} commands use
 * @param driver {@code memory} (in this process, lost on exit), {@code jdbc} (a table in
 * the application database) or {@code amqp} (RabbitMQ)
 * @param priority {@code config.priority}: the priority of jobs that do not set one;
 * lower runs first; default 10
 * @param prefetch {@code config.prefetch}: jobs claimed at once (jdbc) or unacknowledged
 * messages (amqp); default 10
 * @param lease {@code config.lease} (jdbc; {@code visibility_timeout} is its older name):
 * how long a consumer's claim on a job (running or prefetched) lasts without renewal; a
 * live consumer renews its claims every third of it, so the jobs of a consumer that died
 * are claimed again about one lease later; default {@value #DEFAULT_LEASE_SECONDS}s
 * @param pollInterval {@code config.poll_interval} (jdbc): how often an idle consumer
 * looks for new jobs; default 1s
 * @param queue {@code config.queue} (amqp): the durable queue; default
 * {@code moonlight.jobs.<name>}
 * @param republishAfter {@code config.republish_after} (amqp): how long a queued job may
 * stay due without RabbitMQ having confirmed its message before a consumer publishes it
 * again (a broker down at the commit, a process that died before publishing); default
 * {@value #DEFAULT_REPUBLISH_AFTER_SECONDS}s, above the 10 s a publish waits for its
 * confirm
 */
public record PipelineSection(String name, String driver, int priority, int prefetch, Duration lease,
		Duration pollInterval, String queue, Duration republishAfter) {

	/** The in-process driver. */
	public static final String MEMORY = "memory";

	/** The database driver. */
	public static final String JDBC = "jdbc";

	/** The RabbitMQ driver. */
	public static final String AMQP = "amqp";

	/** Every driver, in the order error messages list them. */
	public static final List<String> DRIVERS = List.of(MEMORY, JDBC, AMQP);

	/** RoadRunner's default priority. */
	public static final int DEFAULT_PRIORITY = 10;

	/**
	 * Short, so a dead consumer's jobs wait seconds, not minutes; renewals every third of
	 * it cost one statement.
	 */
	public static final int DEFAULT_LEASE_SECONDS = 10;

	/**
	 * Well above a publish's wait for its confirm, so a message still on its way is
	 * seldom published twice (a second copy is harmless, only wasted).
	 */
	public static final int DEFAULT_REPUBLISH_AFTER_SECONDS = 60;

	/** A pipeline of {@code driver} with every default, named {@code name}. */
	public static PipelineSection defaults(String name, String driver) {
		return new PipelineSection(name, driver, DEFAULT_PRIORITY, 10, Duration.ofSeconds(DEFAULT_LEASE_SECONDS),
				Duration.ofSeconds(1), "moonlight.jobs." + name, Duration.ofSeconds(DEFAULT_REPUBLISH_AFTER_SECONDS));
	}

}
