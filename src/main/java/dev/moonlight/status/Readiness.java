package dev.moonlight.status;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

import dev.moonlight.database.DatabaseAvailability;
import dev.moonlight.logging.LogFields;
import dev.moonlight.maintenance.MaintenanceMode;
import dev.moonlight.pool.BoundedWorkerPool;
import dev.moonlight.pool.HeapWatch;
import dev.moonlight.pool.PoolStats;
import reactor.core.publisher.Mono;

/**
 * Whether this instance should get traffic: calls do not wait long for a worker, the
 * database is reachable, maintenance is off, the server is not draining, and the heap is
 * not over {@code max_worker_memory} with no reload possible ({@link HeapWatch}). Every
 * check reads state the server already keeps ({@link DatabaseAvailability} probes the
 * database on its own thread), so a probe costs no connection, no worker and no blocking,
 * and a failing check is logged once when the answer changes, not per probe.
 * <p>
 * The web server listens before the boot has finished (the admin RPC, job consumers and
 * runners start after it, and any of them may still fail the boot), so {@code /ready}
 * follows Spring Boot's {@link ReadinessState}: 503 until {@code ACCEPTING_TRAFFIC} is
 * published once the application is ready, and again whenever the application publishes
 * {@code REFUSING_TRAFFIC} itself. As a {@link SmartLifecycle} in the last phase it is
 * stopped first at shutdown, alone in its phase, so {@code /ready} turns 503 (and stays
 * so for {@code status.unready_delay}) before the web server starts draining.
 */
final class Readiness implements SmartLifecycle, ApplicationListener<AvailabilityChangeEvent<ReadinessState>> {

	/**
	 * How long the oldest queued call may have waited for a worker. Every worker being
	 * busy is normal under load; a balancer should look elsewhere only once calls queue
	 * for longer than this (or half of allocate_timeout, if less).
	 */
	static final Duration QUEUE_WAIT_LIMIT = Duration.ofSeconds(1);

	/**
	 * {@code memory}'s answer over {@code max_worker_memory}: the reason (heap sizes, the
	 * pid, the database's URL) goes to the log only, as the database's does.
	 */
	static final String OVER_MEMORY = "the heap is over max_worker_memory and the server cannot reload";

	private static final Logger logger = LoggerFactory.getLogger(Readiness.class);

	private final BoundedWorkerPool pool;

	private final DatabaseAvailability database;

	private final MaintenanceMode maintenance;

	/** {@code max_worker_memory}'s watch; {@code null} in a context without one. */
	private final HeapWatch heap;

	/** Checks other concerns contribute ({@link ReadinessCheck}). */
	private final List<ReadinessCheck> contributed;

	/** {@code status.unready_delay}: how long /ready fails before the drain begins. */
	private final Duration unreadyDelay;

	private final AtomicBoolean draining = new AtomicBoolean();

	/** The names of the checks that failed at the last probe, to log a change once. */
	private final AtomicReference<Set<String>> failing = new AtomicReference<>(Set.of());

	private volatile boolean running;

	/** Null until the first readiness event: the boot has not finished. */
	private volatile ReadinessState published;

	Readiness(BoundedWorkerPool pool, DatabaseAvailability database, MaintenanceMode maintenance, HeapWatch heap,
			List<ReadinessCheck> contributed, Duration unreadyDelay) {
		this.pool = pool;
		this.database = database;
		this.maintenance = maintenance;
		this.heap = heap;
		this.contributed = List.copyOf(contributed);
		this.unreadyDelay = unreadyDelay;
	}

	boolean draining() {
		return draining.get();
	}

	/** The checks by name, each {@code "ok"} or what is wrong, and whether all passed. */
	Mono<Report> check() {
		Map<String, String> checks = new LinkedHashMap<>();
		checks.put("application", application());
		checks.put("draining", draining.get() ? "the server is shutting down" : "ok");
		checks.put("maintenance", maintenance.state().enabled() ? "maintenance mode is on" : "ok");
		checks.put("workers", workers());
		String memory = (heap != null) ? heap.problem() : null;
		checks.put("memory", (memory != null) ? OVER_MEMORY : "ok");
		// The reason (host, port, the driver's words) goes to the log only: /ready is
		// open to anyone.
		checks.put("database", database.available() ? "ok" : "the database is unavailable");
		for (ReadinessCheck check : contributed) {
			String problem = check.problem();
			checks.put(check.name(), (problem != null) ? problem : "ok");
		}
		Report report = new Report(checks.values().stream().allMatch("ok"::equals), checks);
		logChange(report, memory);
		return Mono.just(report);
	}

	private String application() {
		ReadinessState state = published;
		if (state == null) {
			return "the server is still starting";
		}
		return (state == ReadinessState.ACCEPTING_TRAFFIC) ? "ok" : "the application refuses traffic";
	}

	@Override
	public void onApplicationEvent(AvailabilityChangeEvent<ReadinessState> event) {
		published = event.getState();
	}

	private String workers() {
		Duration limit = queueWaitLimit();
		Duration oldest = pool.oldestQueuedWait();
		if (oldest.compareTo(limit) <= 0) {
			return "ok";
		}
		PoolStats stats = pool.stats();
		return stats.queued() + " calls wait for a worker, the oldest for " + oldest.toMillis() + "ms (over "
				+ limit.toMillis() + "ms); " + stats.busy() + " of " + stats.workers() + " workers are busy";
	}

	private Duration queueWaitLimit() {
		Duration half = pool.limits().allocateTimeout().dividedBy(2);
		return (!half.isZero() && !half.isNegative() && half.compareTo(QUEUE_WAIT_LIMIT) < 0) ? half : QUEUE_WAIT_LIMIT;
	}

	private void logChange(Report report, String memory) {
		Set<String> now = report.checks()
			.entrySet()
			.stream()
			.filter((check) -> !"ok".equals(check.getValue()))
			.map(Map.Entry::getKey)
			.collect(Collectors.toUnmodifiableSet());
		Set<String> before = failing.getAndSet(now);
		if (now.equals(before)) {
			return;
		}
		if (now.isEmpty()) {
			logger.info("ready: ready again");
		}
		else {
			if (memory != null) {
				logger.warn("ready: not ready: {} (memory: {})", LogFields.safe(report.checks()),
						LogFields.safe(memory));
			}
			else {
				logger.warn("ready: not ready: {}", LogFields.safe(report.checks()));
			}
		}
	}

	@Override
	public void start() {
		draining.set(false);
		running = true;
	}

	/**
	 * Fails {@code /ready} from now on, then waits {@code status.unready_delay} while
	 * everything is still served: the drain (a later phase) closes the listeners only
	 * once a balancer probing {@code /ready} has had that long to move away.
	 */
	@Override
	public void stop() {
		draining.set(true);
		running = false;
		if (!unreadyDelay.isZero()) {
			logger.info("ready: not ready from now on; the listeners close in {}ms (status.unready_delay)",
					unreadyDelay.toMillis());
			try {
				Thread.sleep(unreadyDelay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

	/** The outcome of a readiness check. */
	record Report(boolean ready, Map<String, String> checks) {
	}

}
