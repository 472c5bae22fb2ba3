package dev.moonlight.config;

import java.time.Duration;

/**
 * {@code http.pool}: the worker pool that runs blocking actions, with RoadRunner's keys
 * and defaults.
 *
 * @param numWorkers {@code num_workers}: worker threads, 1 to 500; 0 or absent means one
 * per CPU
 * @param maxQueueSize {@code max_queue_size}: requests that may wait for a worker; 0
 * (default) means unlimited
 * @param allocateTimeout {@code allocate_timeout}: how long a request may wait for a
 * worker; default 60s
 * @param destroyTimeout {@code destroy_timeout}: how long shutdown waits for in-flight
 * work; default 60s
 * @param execTtl {@code supervisor.exec_ttl}: the longest one action may run;
 * {@link Duration#ZERO} (default) means no limit
 * @param supervisor {@code max_jobs} and the soft limits of {@code supervisor}
 */
public record PoolSection(int numWorkers, int maxQueueSize, Duration allocateTimeout, Duration destroyTimeout,
		Duration execTtl, SupervisorSection supervisor) {

	/** A pool whose threads live as long as it does. */
	public PoolSection(int numWorkers, int maxQueueSize, Duration allocateTimeout, Duration destroyTimeout,
			Duration execTtl) {
		this(numWorkers, maxQueueSize, allocateTimeout, destroyTimeout, execTtl, SupervisorSection.NONE);
	}

	/** The hard upper bound RoadRunner puts on {@code num_workers}. */
	public static final int MAX_WORKERS = 500;

	/** The default for {@code allocate_timeout} and {@code destroy_timeout}. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

	/**
	 * Reads a RoadRunner pool block other than {@code http.pool} ({@code tcp.pool}, ...)
	 * with the same keys, defaults and checks; keys that only make sense for worker
	 * processes (and {@code supervisor.max_worker_memory}, which {@code http.pool} holds
	 * for the whole process) are reported to {@code notices}, not rejected.
	 * @param rr the parsed .rr.yaml
	 * @param section the block's path, such as {@code tcp.pool}
	 * @param notices receives the notices about ignored keys
	 * @return the pool settings, {@code num_workers} defaulting to the CPU count
	 * @throws ConfigException naming the key and line of the first bad value
	 */
	public static PoolSection read(RrYaml rr, String section, java.util.function.Consumer<ConfigNotice> notices) {
		return new HttpSectionReader(rr, Runtime.getRuntime().availableProcessors(), notices).pool(section);
	}

	/** Whether {@code supervisor.exec_ttl} limits each action. */
	public boolean hasExecTtl() {
		return !this.execTtl.isZero();
	}

}
