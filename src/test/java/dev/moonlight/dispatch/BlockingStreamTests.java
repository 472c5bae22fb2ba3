package dev.moonlight.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link BlockingStream}: a finished stream is never cancelled, its source is closed
 * before the reader sees the end, and a reader that stops reading fails the stream after
 * the stall timeout; {@link ResultStream#stalling} ends a {@code Flux} that stalls.
 */
class BlockingStreamTests {

	@Test
	void aFinishedStreamIsClosedBeforeItsEndAndNeverCancelled() throws Exception {
		List<String> events = new CopyOnWriteArrayList<>();
		BlockingStream items = new BlockingStream(Duration.ofSeconds(30));
		items.flux().doOnComplete(() -> events.add("complete")).subscribe();
		items.pump(new Recording(3, events));
		// ApiRoute's doFinally discards every stream, finished ones too.
		items.cancel();
		assertThat(events).containsExactly("close", "complete");
	}

	/**
	 * A pipelined connection subscribes to an answer's stream only once the answers
	 * before it are written; an empty stream has ended by then.
	 */
	@Test
	void anEmptyStreamThatEndsBeforeItsReaderComesEndsForTheReader() throws Exception {
		List<String> events = new CopyOnWriteArrayList<>();
		BlockingStream items = new BlockingStream(Duration.ofSeconds(30));
		items.pump(new Recording(0, events));
		StepVerifier.create(items.flux()).expectComplete().verify(Duration.ofSeconds(5));
		assertThat(events).containsExactly("close");
	}

	@Test
	void aReaderThatStopsReadingFailsTheStreamAfterTheStall() throws Exception {
		List<String> events = new CopyOnWriteArrayList<>();
		CountDownLatch failed = new CountDownLatch(1);
		BlockingStream items = new BlockingStream(Duration.ofMillis(200));
		items.flux().subscribe(new BaseSubscriber<Object>() {

			@Override
			protected void hookOnSubscribe(Subscription subscription) {
				subscription.request(1);
			}

		});
		Recording rows = new Recording(1000, events);
		CompletableFuture<Void> worker = CompletableFuture.runAsync(() -> {
			try {
				items.pump(rows);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				failed.countDown();
			}
		});
		assertThat(failed.await(20, TimeUnit.SECONDS)).as("the worker is freed").isTrue();
		assertThatThrownBy(() -> worker.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
			.hasCauseInstanceOf(StreamStalledException.class);
		assertThat(events).containsExactly("close");
		assertThat(rows.given).isEqualTo(1);
	}

	@Test
	void aFluxThatStallsEnds() {
		StepVerifier
			.create(ResultStream.of(Flux.concat(Flux.just(1, 2), Flux.never()))
				.stalling(Duration.ofMillis(200))
				.items()
				.cast(Integer.class))
			.expectNext(1, 2)
			.expectError(StreamStalledException.class)
			.verify(Duration.ofSeconds(20));
	}

	@Test
	void aFluxThatKeepsGivingIsNotCut() {
		StepVerifier.create(
				ResultStream.of(Flux.interval(Duration.ofMillis(20)).take(30)).stalling(Duration.ofMillis(200)).items())
			.expectNextCount(30)
			.verifyComplete();
	}

	/** Gives {@code count} numbers; records its cancel and close. */
	private static final class Recording implements Cursor<Integer> {

		private final int count;

		private final List<String> events;

		volatile int given;

		Recording(int count, List<String> events) {
			this.count = count;
			this.events = events;
		}

		@Override
		public boolean hasNext() {
			return this.given < this.count;
		}

		@Override
		public Integer next() {
			return this.given++;
		}

		@Override
		public void cancel() {
			this.events.add("cancel");
		}

		@Override
		public void close() {
			this.events.add("close");
		}

	}

}
