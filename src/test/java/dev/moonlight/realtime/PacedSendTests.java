package dev.moonlight.realtime;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RealtimeSocket#sendPaced} with a send buffer of 4 and a connection that asks for
 * frames 64 at a time, asking again only once it has them all: the producer, parked while
 * the buffer is half full, is woken as frames leave the queue, and 10,000 frames all go
 * out.
 */
class PacedSendTests {

	@Test
	void tenThousandFramesPassASendBufferOfFour() {
		AtomicInteger sent = new AtomicInteger();
		AtomicInteger produced = new AtomicInteger();
		RealtimeSocket socket = new RealtimeSocket(session(sent, produced), "v1", 4);
		socket.start(Duration.ZERO);
		socket
			.sendPaced(Flux.range(0, 10_000)
				.doOnNext((i) -> produced.incrementAndGet())
				.map((i) -> ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)))
			.block(Duration.ofSeconds(20));
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> sent.get() == 10_000);
		socket.closed();
	}

	/**
	 * A session whose send reads in batches of 64, counting the frames; it asks for the
	 * next batch from another thread once the queue holds 2 frames (half the buffer, so
	 * the producer has parked), the moment a hook on the request finds no room yet.
	 */
	private static WebSocketSession session(AtomicInteger sent, AtomicInteger produced) {
		return (WebSocketSession) Proxy.newProxyInstance(PacedSendTests.class.getClassLoader(),
				new Class<?>[] { WebSocketSession.class }, (proxy, method, args) -> switch (method.getName()) {
					case "bufferFactory" -> DefaultDataBufferFactory.sharedInstance;
					case "send" -> send(args[0], sent, produced);
					case "close" -> Mono.empty();
					case "isOpen" -> true;
					case "getId" -> "paced";
					case "hashCode" -> System.identityHashCode(proxy);
					case "equals" -> proxy == args[0];
					case "toString" -> "PacedSession";
					default -> null;
				});
	}

	@SuppressWarnings("unchecked")
	private static Mono<Void> send(Object messages, AtomicInteger sent, AtomicInteger produced) {
		return Mono.create((done) -> ((Publisher<WebSocketMessage>) messages).subscribe(new BaseSubscriber<>() {

			private int inBatch;

			@Override
			protected void hookOnSubscribe(Subscription subscription) {
				request(64);
			}

			@Override
			protected void hookOnNext(WebSocketMessage message) {
				sent.incrementAndGet();
				if (++this.inBatch == 64) {
					this.inBatch = 0;
					CompletableFuture.runAsync(() -> {
						long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
						while (produced.get() < Math.min(10_000, sent.get() + 2) && System.nanoTime() < deadline) {
							Thread.onSpinWait();
						}
						request(64);
					});
				}
			}

			@Override
			protected void hookOnComplete() {
				done.success();
			}

			@Override
			protected void hookOnError(Throwable failure) {
				done.error(failure);
			}

		}));
	}

}
