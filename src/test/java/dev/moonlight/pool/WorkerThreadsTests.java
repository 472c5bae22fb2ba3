package dev.moonlight.pool;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.moonlight.config.SupervisorSection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The pool's threads under churn: every call runs while workers are replaced and stop and
 * start all the time, and shutdown wakes waiting workers but never interrupts a call.
 */
class WorkerThreadsTests {

	@Test
	void everyCallRunsWhileWorkersAreReplacedStoppedAndStartedAllTheTime() throws Exception {
		// max_jobs 2 and an idle_ttl of 1ms checked every 1ms: the worst churn there is.
		SupervisorSection churn = new SupervisorSection(2, Duration.ZERO, Duration.ofMillis(1), 0,
				Duration.ofMillis(1));
		WorkerThreads threads = new WorkerThreads("churn-", 4, new LinkedBlockingQueue<>(), churn, Clock.systemUTC());
		threads.prestart();
		int calls = 4000;
		CountDownLatch ran = new CountDownLatch(calls);
		ExecutorService callers = Executors.newFixedThreadPool(4);
		try {
			for (int i = 0; i < calls; i++) {
				callers.execute(() -> threads.execute(() -> {
					// What PoolTask does around a call, which max_jobs counts.
					WorkerThread.begin("churn.call");
					WorkerThread.end();
					ran.countDown();
				}));
			}
			assertThat(ran.await(60, TimeUnit.SECONDS)).as("no call left in the queue without a worker").isTrue();
		}
		finally {
			callers.shutdownNow();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> threads.recycled() > 0);
		// Idle for longer than idle_ttl, every worker but the floor stops.
		await().atMost(Duration.ofSeconds(10)).until(() -> threads.live() == SupervisorSection.IDLE_FLOOR);
		assertThat(threads.workers()).hasSize(SupervisorSection.IDLE_FLOOR);
		threads.shutdown();
		assertThat(threads.awaitTermination(TimeUnit.SECONDS.toNanos(10))).isTrue();
		assertThat(threads.live()).isZero();
		assertThat(threads.workers()).isEmpty();
	}

	@Test
	void shutdownLetsARunningCallFinishUninterruptedAndRefusesNewOnes() throws Exception {
		WorkerThreads threads = new WorkerThreads("stop-", 2, new LinkedBlockingQueue<>(), SupervisorSection.NONE,
				Clock.systemUTC());
		threads.prestart();
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicBoolean interrupted = new AtomicBoolean();
		threads.execute(() -> {
			started.countDown();
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				interrupted.set(true);
			}
		});
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		threads.shutdown();
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> threads.execute(() -> {
		}));
		assertThat(threads.awaitTermination(TimeUnit.MILLISECONDS.toNanos(50))).as("the call still runs").isFalse();
		release.countDown();
		assertThat(threads.awaitTermination(TimeUnit.SECONDS.toNanos(10))).isTrue();
		assertThat(interrupted).as("shutdown wakes waiting workers only").isFalse();
	}

	/**
	 * Two workers finish their calls after shutdown and both see the one call left in the
	 * queue (the queue makes them meet there): the one that does not get it must end, not
	 * wait for a call that never comes.
	 */
	@Test
	void shutdownWithCallsQueuedEndsOnceTheyRan() throws Exception {
		CyclicBarrier meet = new CyclicBarrier(2);
		AtomicBoolean armed = new AtomicBoolean();
		Set<Thread> met = ConcurrentHashMap.newKeySet();
		LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>() {

			@Override
			public boolean isEmpty() {
				// Read before they meet, so neither has taken the call yet.
				boolean empty = super.isEmpty();
				if (armed.get() && met.add(Thread.currentThread())) {
					try {
						meet.await(5, TimeUnit.SECONDS);
					}
					catch (Exception ex) {
						// Only the interleaving is lost: the test still ends.
					}
				}
				return empty;
			}

		};
		WorkerThreads threads = new WorkerThreads("queued-", 2, queue, SupervisorSection.NONE, Clock.systemUTC());
		threads.prestart();
		CountDownLatch gate = new CountDownLatch(1);
		CountDownLatch holding = new CountDownLatch(2);
		AtomicInteger ran = new AtomicInteger();
		for (int i = 0; i < 3; i++) {
			threads.execute(() -> {
				holding.countDown();
				try {
					gate.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				ran.incrementAndGet();
			});
		}
		assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(threads.queued()).isOne();
		threads.shutdown();
		armed.set(true);
		gate.countDown();
		long started = System.nanoTime();
		assertThat(threads.awaitTermination(TimeUnit.SECONDS.toNanos(10))).as("every worker ended").isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
		assertThat(ran).hasValue(3);
		assertThat(threads.live()).isZero();
	}

	/**
	 * A thread that cannot start gives back its slot and count; the call stays queued.
	 */
	@Test
	void aWorkerThatCannotStartLeavesTheCountsRightAndTheCallQueued() throws Exception {
		AtomicBoolean fail = new AtomicBoolean(true);
		WorkerThreads threads = new WorkerThreads("nostart-", 2, new LinkedBlockingQueue<>(), SupervisorSection.NONE,
				Clock.systemUTC(), (thread) -> {
					if (fail.get()) {
						throw new OutOfMemoryError("unable to create native thread");
					}
					thread.start();
				});
		threads.prestart();
		assertThat(threads.live()).isZero();
		CountDownLatch ran = new CountDownLatch(2);
		threads.execute(ran::countDown);
		assertThat(threads.live()).isZero();
		assertThat(threads.workers()).isEmpty();
		assertThat(threads.queued()).isOne();
		fail.set(false);
		threads.execute(ran::countDown);
		assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(threads.live()).isBetween(1, 2);
		assertThat(threads.workers()).hasSize(threads.live());
		threads.shutdown();
		assertThat(threads.awaitTermination(TimeUnit.SECONDS.toNanos(10))).isTrue();
	}

	/** A worker due for replacement whose successor cannot start serves on. */
	@Test
	void aWorkerWhoseReplacementCannotStartServesOn() throws Exception {
		AtomicInteger starts = new AtomicInteger();
		WorkerThreads threads = new WorkerThreads("noreplace-", 1, new LinkedBlockingQueue<>(),
				new SupervisorSection(1, Duration.ZERO, Duration.ZERO, 0, SupervisorSection.DEFAULT_WATCH_TICK),
				Clock.systemUTC(), (thread) -> {
					if (starts.incrementAndGet() > 1) {
						throw new OutOfMemoryError("unable to create native thread");
					}
					thread.start();
				});
		threads.prestart();
		WorkerThread first = threads.workers().get(0);
		CountDownLatch ran = new CountDownLatch(3);
		for (int i = 0; i < 3; i++) {
			threads.execute(() -> {
				WorkerThread.begin("call");
				WorkerThread.end();
				ran.countDown();
			});
		}
		assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(starts.get()).isGreaterThan(1);
		assertThat(threads.workers()).containsExactly(first);
		assertThat(threads.live()).isOne();
		assertThat(threads.recycled()).isZero();
		threads.shutdown();
		assertThat(threads.awaitTermination(TimeUnit.SECONDS.toNanos(10))).isTrue();
	}

	/**
	 * A worker gets the pool's context class loader and none of the inheritable thread
	 * locals of the thread whose call started it.
	 */
	@Test
	void aWorkerInheritsNothingFromTheThreadThatStartsIt() throws Exception {
		ClassLoader poolLoader = new ClassLoader(getClass().getClassLoader()) {
		};
		ClassLoader callerLoader = new ClassLoader(getClass().getClassLoader()) {
		};
		InheritableThreadLocal<String> request = new InheritableThreadLocal<>();
		Thread current = Thread.currentThread();
		ClassLoader original = current.getContextClassLoader();
		WorkerThreads threads;
		try {
			current.setContextClassLoader(poolLoader);
			threads = new WorkerThreads("clean-", 1, new LinkedBlockingQueue<>(), SupervisorSection.NONE,
					Clock.systemUTC());
			current.setContextClassLoader(callerLoader);
			request.set("the caller's request");
			AtomicReference<ClassLoader> seenLoader = new AtomicReference<>();
			AtomicReference<String> seenRequest = new AtomicReference<>("unset");
			CountDownLatch ran = new CountDownLatch(1);
			// Not prestarted: this call starts the worker, on this thread.
			threads.execute(() -> {
				seenLoader.set(Thread.currentThread().getContextClassLoader());
				seenRequest.set(request.get());
				ran.countDown();
			});
			assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(seenLoader.get()).isSameAs(poolLoader);
			assertThat(seenRequest.get()).isNull();
		}
		finally {
			current.setContextClassLoader(original);
			request.remove();
		}
		threads.shutdown();
		assertThat(threads.awaitTermination(TimeUnit.SECONDS.toNanos(10))).isTrue();
	}

	/**
	 * An idle worker stopping while a call is queued: the call that saw it counted
	 * started no worker, so the stopping one must see the call, or the call must see it
	 * gone. The queue queues a call just as the idle worker looks at it.
	 */
	@Test
	void aCallQueuedAsAnIdleWorkerStopsIsRun() throws Exception {
		AtomicReference<Runnable> racing = new AtomicReference<>();
		LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>() {

			@Override
			public boolean isEmpty() {
				boolean empty = super.isEmpty();
				Runnable race = racing.getAndSet(null);
				if (race != null) {
					race.run();
				}
				return empty;
			}

		};
		SupervisorSection idleTtl = new SupervisorSection(0, Duration.ZERO, Duration.ofMillis(1), 0,
				Duration.ofMillis(1));
		WorkerThreads threads = new WorkerThreads("idle-", 2, queue, idleTtl, Clock.systemUTC());
		threads.prestart();
		CountDownLatch gate = new CountDownLatch(1);
		CountDownLatch holding = new CountDownLatch(1);
		threads.execute(() -> {
			holding.countDown();
			try {
				gate.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		try {
			assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
			CountDownLatch ran = new CountDownLatch(1);
			racing.set(() -> {
				// Queued from another thread, as a caller would, while the idle worker
				// decides (it may hold the slots' lock: not waited for).
				Thread caller = new Thread(() -> threads.execute(ran::countDown));
				caller.start();
				long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
				while (caller.isAlive() && ((LinkedBlockingQueue<Runnable>) queue).size() == 0
						&& System.nanoTime() < until) {
					Thread.onSpinWait();
				}
			});
			assertThat(ran.await(10, TimeUnit.SECONDS)).as("the call ran while the other worker is busy").isTrue();
		}
		finally {
			gate.countDown();
		}
		threads.shutdown();
		assertThat(threads.awaitTermination(TimeUnit.SECONDS.toNanos(10))).isTrue();
	}

}
