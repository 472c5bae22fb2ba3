package dev.moonlight.jobs;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.moonlight.supervision.Supervised;

/**
 * A consumer's heartbeat on one pull queue, on the consumer's timer: every
 * {@link PullQueue#heartbeat} (a third of the lease) it renews the leases of every claim
 * the consumer holds, running or prefetched, then frees the claims of consumers that are
 * gone. The first beat comes at once, so a process that starts takes back at once the
 * jobs of its machine's dead processes.
 * <p>
 * A beat that fails (the database is away) is tried again every {@link #RETRY} at most,
 * and the first beat that succeeds after it only renews: every live consumer gets that
 * beat to renew its own claims before any of them frees a lease that ran out during the
 * outage, so a lease does not run out under a consumer that is alive.
 */
final class Heartbeat {

	private static final Logger logger = LoggerFactory.getLogger(Heartbeat.class);

	/** How soon a failed beat is tried again. */
	static final Duration RETRY = Duration.ofSeconds(1);

	private final PullQueue queue;

	private final JobConsumer.Context consumer;

	private final Supplier<Collection<String>> held;

	private final Consumer<RuntimeException> failed;

	private ScheduledFuture<?> next;

	private boolean stopped;

	/**
	 * Whether the last beat reached the queue; a beat after one that did not only renews.
	 */
	private volatile boolean healthy = true;

	/**
	 * @param held the ids of the claims the consumer holds now
	 * @param failed told of a beat that failed (the consumer logs such failures once per
	 * interval)
	 */
	Heartbeat(PullQueue queue, JobConsumer.Context consumer, Supplier<Collection<String>> held,
			Consumer<RuntimeException> failed) {
		this.queue = queue;
		this.consumer = consumer;
		this.held = held;
		this.failed = failed;
	}

	void start() {
		schedule(Duration.ZERO);
	}

	synchronized void stop() {
		stopped = true;
		if (next != null) {
			next.cancel(false);
		}
	}

	private synchronized void schedule(Duration delay) {
		if (!stopped) {
			next = consumer.timer()
				.schedule(Supervised.periodic("jobs-" + queue.name() + "-heartbeat", this::beat), delay.toMillis(),
						TimeUnit.MILLISECONDS);
		}
	}

	private void beat() {
		Duration every = queue.heartbeat();
		Duration delay = every;
		try {
			queue.renew(consumer.id(), held.get());
			if (healthy) {
				queue.reclaim();
			}
			else {
				healthy = true;
				logger.info("Pipeline {}: its jobs are reachable again; the leases of consumer {} are renewed",
						queue.name(), consumer.id());
			}
		}
		catch (RuntimeException ex) {
			healthy = false;
			delay = (every.compareTo(RETRY) < 0) ? every : RETRY;
			failed.accept(ex);
		}
		finally {
			schedule(delay);
		}
	}

}
