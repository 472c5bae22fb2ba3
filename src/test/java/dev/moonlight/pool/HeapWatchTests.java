package dev.moonlight.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The memory failswitch's decisions, collection by collection: reload once over the
 * limit, and where it cannot, not ready until the heap is back under it.
 */
@ExtendWith(OutputCaptureExtension.class)
class HeapWatchTests {

	private static final long MB = 1024 * 1024;

	private final List<String> reloads = new ArrayList<>();

	@Test
	void overTheLimitReloadsOnceAndStaysReady(CapturedOutput output) {
		HeapWatch watch = watch((why) -> {
			reloads.add(why);
			return null;
		});
		watch.afterCollection(99 * MB);
		assertThat(reloads).as("under the limit nothing happens").isEmpty();
		watch.afterCollection(140 * MB);
		watch.afterCollection(145 * MB);
		assertThat(reloads).as("two readings over the limit are not enough").isEmpty();
		watch.afterCollection(150 * MB);
		watch.afterCollection(160 * MB);
		assertThat(reloads).as("one reload: the new process takes over, this one drains")
			.containsExactly("the heap in use after a garbage collection is 150 MB, over "
					+ "http.pool.supervisor.max_worker_memory=100 MB");
		assertThat(watch.problem()).as("a reloading server stays ready while it hands over").isNull();
		assertThat(output.getOut()).contains("pool.supervisor: the heap in use after a garbage collection is 150 MB, "
				+ "over http.pool.supervisor.max_worker_memory=100 MB; reloading");
	}

	@Test
	void aRefusedReloadMakesTheServerNotReadyUntilTheHeapIsBackUnder(CapturedOutput output) {
		HeapWatch watch = watch((why) -> {
			reloads.add(why);
			return "This server is its container's main process (pid 1).";
		});
		watch.afterCollection(60 * MB);
		over(watch, 150);
		assertThat(watch.problem()).isEqualTo("the heap in use after a garbage collection is 150 MB, over "
				+ "http.pool.supervisor.max_worker_memory=100 MB; it cannot reload: This server is its container's "
				+ "main process (pid 1).");
		watch.afterCollection(151 * MB);
		assertThat(reloads).as("each collection over the limit asks again: a refusal may pass").hasSize(2);
		assertThat(output.getOut().split("it cannot reload", -1)).as("the same refusal is logged once").hasSize(2);
		assertThat(output.getOut()).contains("/ready answers 503 until the heap is back under the limit");
		watch.afterCollection(80 * MB);
		assertThat(watch.problem()).as("back under the limit: ready again").isNull();
		assertThat(output.getOut()).contains("back under max_worker_memory (80 MB); ready again");
	}

	@Test
	void aReloadRefusedWhileStartingIsAskedAgainAtTheNextCollection() {
		List<String> answers = new ArrayList<>(
				List.of("This server is still starting (pid 7); try again once it serves."));
		HeapWatch watch = watch((why) -> {
			reloads.add(why);
			return answers.isEmpty() ? null : answers.remove(0);
		});
		watch.afterCollection(60 * MB);
		over(watch, 150);
		assertThat(watch.problem()).contains("it cannot reload: This server is still starting");
		watch.afterCollection(150 * MB);
		assertThat(reloads).hasSize(2);
		assertThat(watch.problem()).as("the reload started: the new process takes the traffic").isNull();
		watch.afterCollection(170 * MB);
		assertThat(reloads).as("asked once the reload is under way").hasSize(2);
	}

	@Test
	void aLimitBelowWhatAFreshServerNeedsIsReportedNotReloadedForEver(CapturedOutput output) {
		HeapWatch watch = watch((why) -> {
			reloads.add(why);
			return null;
		});
		over(watch, 150);
		over(watch, 140);
		assertThat(reloads).as("a new server would be over the limit too: no reload").isEmpty();
		assertThat(watch.problem()).as("still ready: the limit is the mistake").isNull();
		assertThat(output.getOut().split("has not been under it since this server started", -1)).as("said once")
			.hasSize(2);
		assertThat(output.getOut()).contains("Raise the limit.");
		watch.afterCollection(90 * MB);
		over(watch, 150);
		assertThat(reloads).as("once it was under the limit, growing over it reloads").hasSize(1);
	}

	@Test
	void noLimitWatchesNothing() {
		HeapWatch watch = new HeapWatch(0, (why) -> {
			reloads.add(why);
			return null;
		}, Duration.ZERO, () -> 0, Runnable::run);
		watch.accepting();
		watch.afterCollection(Long.MAX_VALUE);
		watch.start();
		assertThat(reloads).isEmpty();
		assertThat(watch.problem()).isNull();
		watch.stop();
	}

	@Test
	void theReloadIsAskedOnAThreadOfItsOwnNotTheCollectorsNotifyingOne() {
		List<Runnable> handedOff = new ArrayList<>();
		HeapWatch watch = new HeapWatch(100, (why) -> {
			reloads.add(why);
			return null;
		}, Duration.ZERO, () -> 0, handedOff::add);
		watch.accepting();
		watch.afterCollection(60 * MB);
		over(watch, 150);
		assertThat(reloads).as("not asked on the thread that reported the collection").isEmpty();
		assertThat(handedOff).hasSize(1);
		watch.afterCollection(150 * MB);
		assertThat(handedOff).as("asked once while the first ask runs").hasSize(1);
		handedOff.get(0).run();
		assertThat(reloads).hasSize(1);

		AtomicReference<String> askedOn = new AtomicReference<>();
		HeapWatch real = new HeapWatch(100, (why) -> {
			askedOn.set(Thread.currentThread().getName());
			return null;
		}, Duration.ZERO);
		try {
			real.accepting();
			real.afterCollection(60 * MB);
			over(real, 150);
			await().atMost(Duration.ofSeconds(10)).until(() -> askedOn.get() != null);
			assertThat(askedOn.get()).isEqualTo("moonlight-heap-watch");
		}
		finally {
			real.destroy();
		}
	}

	@Test
	void collectionsCountOnlyOnceTheServerAcceptsTrafficAndWarmedUpAndThreeInARow() {
		AtomicLong now = new AtomicLong();
		HeapWatch watch = new HeapWatch(100, (why) -> {
			reloads.add(why);
			return null;
		}, Duration.ofSeconds(30), now::get, Runnable::run);
		watch.afterCollection(60 * MB);
		over(watch, 150);
		assertThat(reloads).as("still starting: not counted").isEmpty();
		watch.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));
		now.addAndGet(Duration.ofSeconds(29).toNanos());
		watch.afterCollection(60 * MB);
		over(watch, 150);
		assertThat(reloads).as("warming up: not counted").isEmpty();
		now.addAndGet(Duration.ofSeconds(1).toNanos());
		watch.afterCollection(60 * MB);
		watch.afterCollection(150 * MB);
		watch.afterCollection(150 * MB);
		watch.afterCollection(90 * MB);
		watch.afterCollection(150 * MB);
		watch.afterCollection(150 * MB);
		assertThat(reloads).as("a reading under the limit starts the count again").isEmpty();
		watch.afterCollection(150 * MB);
		assertThat(reloads).hasSize(1);
	}

	@Test
	void aReloadThatStartedAndFailedArmsTheFailswitchAgain(CapturedOutput output) {
		HeapWatch watch = watch((why) -> {
			reloads.add(why);
			return null;
		});
		watch.afterCollection(60 * MB);
		over(watch, 150);
		over(watch, 150);
		assertThat(reloads).as("under way: asked once").hasSize(1);
		watch.reloadFailed();
		assertThat(output.getOut()).contains("the reload for max_worker_memory failed; this process serves on");
		over(watch, 150);
		assertThat(reloads).as("failed: asked again").hasSize(2);
	}

	@Test
	void aReloadThatFailedBeforeTheFailswitchAnsweredArmsItToo() {
		List<Runnable> handedOff = new ArrayList<>();
		HeapWatch watch = new HeapWatch(100, (why) -> {
			reloads.add(why);
			return null;
		}, Duration.ZERO, () -> 0, handedOff::add);
		watch.accepting();
		watch.afterCollection(60 * MB);
		over(watch, 150);
		watch.reloadFailed();
		handedOff.remove(0).run();
		over(watch, 150);
		assertThat(handedOff).as("the failed reload is not waited for").hasSize(1);
	}

	@Test
	void startsOnceAndStopsWhenDestroyed() {
		HeapWatch watch = new HeapWatch(100, (why) -> {
			reloads.add(why);
			return null;
		});
		watch.start();
		int collectors = watch.listening();
		assertThat(collectors).isPositive();
		watch.start();
		assertThat(watch.listening()).as("a second start adds no listener").isEqualTo(collectors);
		watch.destroy();
		assertThat(watch.isRunning()).isFalse();
		assertThat(watch.listening()).isZero();
		watch.accepting();
		over(watch, 150);
		assertThat(reloads).isEmpty();
	}

	private HeapWatch watch(HeapWatch.Failswitch failswitch) {
		HeapWatch watch = new HeapWatch(100, failswitch, Duration.ZERO, () -> 0, Runnable::run);
		watch.accepting();
		return watch;
	}

	/** {@value HeapWatch#READINGS} collections over the limit in a row. */
	private static void over(HeapWatch watch, long megabytes) {
		for (int i = 0; i < HeapWatch.READINGS; i++) {
			watch.afterCollection(megabytes * MB);
		}
	}

}
