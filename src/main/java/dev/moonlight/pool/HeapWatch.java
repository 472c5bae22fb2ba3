package dev.moonlight.pool;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * {@code http.pool.supervisor.max_worker_memory} for a JVM, RoadRunner's memory
 * failswitch: the threads share one heap, so the limit is on the heap still in use right
 * after a garbage collection (summed over the heap's pools, from the collectors'
 * notifications), which is what a leak makes grow. Over the limit the server says why and
 * reloads itself through the {@link Failswitch} (a fresh process, with no downtime);
 * where it cannot reload (a container's pid 1, a database in its memory), {@code /ready}
 * answers 503 naming the reason until the heap is back under the limit or the server is
 * restarted. Like RoadRunner's, the limit is soft: no running call is cut. A server that
 * has not been under the limit since it started (a limit below what it needs at rest)
 * only says so: a reload would start a new server over the limit too, and so on.
 * <p>
 * Only collections from {@link #WARM_UP} after the server accepts traffic count, and only
 * {@value #READINGS} readings over the limit in a row act: the heap right after a young
 * collection still holds the old generation's garbage, which one reading over the limit
 * may be. The reload is asked on a thread of its own, never on the JVM's notification
 * thread; a reload that started and then failed ({@link #reloadFailed}) arms the
 * failswitch again.
 */
public final class HeapWatch
		implements SmartLifecycle, DisposableBean, ApplicationListener<AvailabilityChangeEvent<ReadinessState>> {

	/** How long after the server accepts traffic collections begin to count. */
	public static final Duration WARM_UP = Duration.ofSeconds(30);

	/** Readings over the limit in a row that act. */
	static final int READINGS = 3;

	private static final Logger logger = LoggerFactory.getLogger(HeapWatch.class);

	private static final long MEGABYTE = 1024L * 1024L;

	/** What to do over the limit: reload, or say why not. */
	@FunctionalInterface
	public interface Failswitch {

		/**
		 * Starts a reload.
		 * @param why what the log says of the reason
		 * @return {@code null} when a new process is starting, else why it cannot
		 */
		String reload(String why);

	}

	private final long limitBytes;

	private final Failswitch failswitch;

	private final Duration warmUp;

	private final LongSupplier nanoTime;

	/** Where a reload is asked: the failswitch starts a process, under no lock. */
	private final Executor reloads;

	/** {@link #reloads} when this watch made it, to shut down. */
	private final ExecutorService ownReloads;

	/** When the server began to accept traffic, by {@link #nanoTime}. */
	private long acceptingSinceNanos;

	private boolean accepting;

	/** Readings over the limit in a row. */
	private int overInARow;

	/** Set while a reload is being asked. */
	private boolean asking;

	/**
	 * Set when the reload failed before the failswitch answered that it started (its
	 * process can fail that fast).
	 */
	private boolean failedWhileAsking;

	private final List<NotificationEmitter> emitters = new ArrayList<>();

	private final NotificationListener listener = this::collected;

	private Set<String> heapPools = Set.of();

	/** Why {@code /ready} should answer 503, or {@code null}. */
	private volatile String notReady;

	/** Set once a reload started: this process is on its way out. */
	private boolean reloading;

	/** The last refusal logged, so a repeated one is not logged at every collection. */
	private String refusal;

	/**
	 * Set once a collection left the heap under the limit. Before that, a limit below
	 * what this server needs at rest would only start a new process over it, and so on.
	 */
	private boolean seenUnder;

	/** Set once the limit was found below the heap of a fresh server, and logged. */
	private boolean toldTooLow;

	private volatile boolean running;

	/**
	 * @param limitMegabytes the limit; 0 watches nothing
	 * @param failswitch asked to reload once the heap is over the limit
	 */
	public HeapWatch(long limitMegabytes, Failswitch failswitch) {
		this(limitMegabytes, failswitch, WARM_UP);
	}

	/**
	 * @param limitMegabytes the limit; 0 watches nothing
	 * @param failswitch asked to reload once the heap is over the limit
	 * @param warmUp how long after the server accepts traffic collections begin to count
	 */
	public HeapWatch(long limitMegabytes, Failswitch failswitch, Duration warmUp) {
		this(limitMegabytes, failswitch, warmUp, System::nanoTime, null);
	}

	/** For tests: {@code reloads} may run the reload at once. */
	HeapWatch(long limitMegabytes, Failswitch failswitch, Duration warmUp, LongSupplier nanoTime, Executor reloads) {
		this.limitBytes = limitMegabytes * MEGABYTE;
		this.failswitch = failswitch;
		this.warmUp = warmUp;
		this.nanoTime = nanoTime;
		this.ownReloads = (reloads != null) ? null : Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "moonlight-heap-watch");
			thread.setDaemon(true);
			return thread;
		});
		this.reloads = (reloads != null) ? reloads : this.ownReloads;
	}

	/** The server accepts traffic: collections count once the warm-up is over. */
	@Override
	public void onApplicationEvent(AvailabilityChangeEvent<ReadinessState> event) {
		if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
			accepting();
		}
	}

	synchronized void accepting() {
		if (!accepting) {
			accepting = true;
			acceptingSinceNanos = nanoTime.getAsLong();
		}
	}

	/**
	 * A reload this watch started did not take over (the new process failed): this
	 * process serves on, and the failswitch acts again at the next readings over the
	 * limit.
	 */
	public synchronized void reloadFailed() {
		if (asking) {
			failedWhileAsking = true;
			return;
		}
		if (reloading) {
			reloading = false;
			overInARow = 0;
			logger.warn("pool.supervisor: the reload for max_worker_memory failed; this process serves on, and reloads "
					+ "again while the heap stays over the limit");
		}
	}

	/** Why this instance should get no traffic, or {@code null}: for {@code /ready}. */
	public String problem() {
		return notReady;
	}

	/**
	 * One collection's outcome: over the limit, reloads (or says why it cannot); back
	 * under it, ready again.
	 * @param usedBytes the heap in use right after the collection
	 */
	public synchronized void afterCollection(long usedBytes) {
		if (limitBytes <= 0 || reloading || !accepting
				|| nanoTime.getAsLong() - acceptingSinceNanos < warmUp.toNanos()) {
			return;
		}
		if (usedBytes <= limitBytes) {
			overInARow = 0;
			seenUnder = true;
			if (notReady != null) {
				notReady = null;
				refusal = null;
				logger.info("pool.supervisor: the heap after a collection is back under max_worker_memory ({} MB); "
						+ "ready again", usedBytes / MEGABYTE);
			}
			return;
		}
		if (++overInARow < READINGS) {
			return;
		}
		String why = "the heap in use after a garbage collection is " + usedBytes / MEGABYTE
				+ " MB, over http.pool.supervisor.max_worker_memory=" + limitBytes / MEGABYTE + " MB";
		if (!seenUnder) {
			if (!toldTooLow) {
				toldTooLow = true;
				logger.warn("pool.supervisor: {}, and has not been under it since this server started: no reload, "
						+ "which would start a new server over the limit too. Raise the limit.", why);
			}
			return;
		}
		if (asking) {
			return;
		}
		asking = true;
		try {
			reloads.execute(() -> ask(why));
		}
		catch (RejectedExecutionException ex) {
			// Stopped: nothing more to do.
			asking = false;
		}
	}

	/** On {@link #reloads}: the failswitch may start a process, so under no lock. */
	private void ask(String why) {
		String answer;
		try {
			answer = failswitch.reload(why);
		}
		catch (RuntimeException ex) {
			answer = "the reload failed to start: " + ex;
		}
		settle(why, answer);
	}

	private synchronized void settle(String why, String refused) {
		asking = false;
		boolean failed = failedWhileAsking;
		failedWhileAsking = false;
		if (refused == null && failed) {
			overInARow = 0;
			logger.warn("pool.supervisor: {}; the reload started and failed; this process serves on, and reloads "
					+ "again while the heap stays over the limit", why);
			return;
		}
		if (refused == null) {
			// A refusal before (still starting, say) no longer holds: the new process
			// takes the traffic over.
			reloading = true;
			notReady = null;
			logger.warn("pool.supervisor: {}; reloading (a new process takes over, this one drains)", why);
			return;
		}
		if (overInARow < READINGS) {
			// Back under the limit while the reload was asked.
			return;
		}
		notReady = why + "; it cannot reload: " + refused;
		if (!refused.equals(refusal)) {
			refusal = refused;
			logger.warn("pool.supervisor: {}, and it cannot reload: {} /ready answers 503 until the heap is back "
					+ "under the limit or the server is restarted.", why, refused);
		}
	}

	private void collected(Notification notification, Object handback) {
		if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
			return;
		}
		GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
			.from((CompositeData) notification.getUserData());
		long used = 0;
		for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
			if (heapPools.contains(pool.getKey())) {
				used += pool.getValue().getUsed();
			}
		}
		afterCollection(used);
	}

	@Override
	public synchronized void start() {
		if (running) {
			return;
		}
		running = true;
		if (limitBytes <= 0) {
			return;
		}
		heapPools = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.map(MemoryPoolMXBean::getName)
			.collect(Collectors.toUnmodifiableSet());
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (collector instanceof NotificationEmitter emitter) {
				emitter.addNotificationListener(listener, null, null);
				emitters.add(emitter);
			}
		}
	}

	@Override
	public synchronized void stop() {
		running = false;
		for (NotificationEmitter emitter : emitters) {
			try {
				emitter.removeNotificationListener(listener);
			}
			catch (javax.management.ListenerNotFoundException ex) {
				// Not listening: nothing to undo.
			}
		}
		emitters.clear();
	}

	@Override
	public void destroy() {
		stop();
		if (ownReloads != null) {
			ownReloads.shutdownNow();
		}
	}

	/** The collectors listened to. */
	synchronized int listening() {
		return emitters.size();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
