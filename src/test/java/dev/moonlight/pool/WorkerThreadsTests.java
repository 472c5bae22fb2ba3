package dev.moonlight.pool;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
		assertThat(threads.live()).isBetween(SupervisorSection.IDLE_FLOOR, 4);
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

}
