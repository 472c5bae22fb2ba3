package dev.moonlight.jobs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Callers that write at the same time share a batch, and each learns its own item's fate.
 */
class SharedBatchTests {

	@Test
	void itemsThatArriveDuringAWriteGoTogetherInTheNext() throws Exception {
		CountDownLatch firstStarted = new CountDownLatch(1);
		CountDownLatch releaseFirst = new CountDownLatch(1);
		List<List<String>> batches = new CopyOnWriteArrayList<>();
		SharedBatch<String> commit = new SharedBatch<>((items) -> {
			batches.add(List.copyOf(items));
			if (items.contains("first")) {
				firstStarted.countDown();
				await(releaseFirst);
			}
		});
		Thread first = started(() -> commit.write("first"));
		await(firstStarted);
		Thread second = started(() -> commit.write("second"));
		Thread third = started(() -> commit.write("third"));
		awaitGathered(commit, second, third);
		releaseFirst.countDown();
		first.join(5_000);
		second.join(5_000);
		third.join(5_000);
		assertThat(batches).hasSize(2);
		assertThat(batches.get(0)).containsExactly("first");
		assertThat(batches.get(1)).containsExactlyInAnyOrder("second", "third");
	}

	@Test
	void aBadItemFailsItsOwnCallerOnlyAndTheOthersAreStored() throws Exception {
		CountDownLatch firstStarted = new CountDownLatch(1);
		CountDownLatch releaseFirst = new CountDownLatch(1);
		List<String> stored = new CopyOnWriteArrayList<>();
		SharedBatch<String> commit = new SharedBatch<>((items) -> {
			if (items.contains("first")) {
				firstStarted.countDown();
				await(releaseFirst);
			}
			if (items.contains("bad")) {
				throw new IllegalArgumentException("bad item");
			}
			stored.addAll(items);
		});
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		Thread first = started(() -> commit.write("first"));
		await(firstStarted);
		Thread good = started(() -> commit.write("good"));
		Thread bad = started(() -> {
			try {
				commit.write("bad");
			}
			catch (IllegalArgumentException ex) {
				failures.add(ex);
			}
		});
		awaitGathered(commit, good, bad);
		releaseFirst.countDown();
		first.join(5_000);
		good.join(5_000);
		bad.join(5_000);
		assertThat(stored).containsExactlyInAnyOrder("first", "good");
		assertThat(failures).singleElement().extracting(Throwable::getMessage).isEqualTo("bad item");
		assertThatIllegalArgumentException().isThrownBy(() -> commit.write("bad")).withMessage("bad item");
	}

	/**
	 * Waits until both threads block in {@code write}, their items gathered for the next
	 * batch.
	 */
	private static void awaitGathered(SharedBatch<String> commit, Thread one, Thread two) {
		// WAITING is only reached in SharedBatch's wait(), after the item joined the next
		// batch.
		Awaitility.await("both writers wait for the running batch")
			.atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> waiting(one) && waiting(two));
	}

	private static Thread started(Runnable work) {
		Thread thread = new Thread(work);
		thread.start();
		return thread;
	}

	private static boolean waiting(Thread thread) {
		return thread.getState() == Thread.State.WAITING;
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
