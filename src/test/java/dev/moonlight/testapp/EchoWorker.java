package dev.moonlight.testapp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import dev.moonlight.tcp.TcpAnswer;
import dev.moonlight.tcp.TcpEvent;
import dev.moonlight.tcp.TcpHandler;
import dev.moonlight.tcp.TcpWorker;

/**
 * A blocking TCP handler for the TCP wire tests, answering each frame with every kind of
 * answer: {@code quiet} reads on, {@code bye} responds and closes, {@code close} closes,
 * {@code boom} throws, {@code sleep N} holds its worker; {@code hold} holds its worker
 * until {@link #release}; anything else is echoed. It greets on CONNECTED and records
 * every event it sees.
 */
@TcpWorker({ "echo", "semi", "tiny", "wide" })
public class EchoWorker implements TcpHandler {

	private final List<TcpEvent> events = new CopyOnWriteArrayList<>();

	private final CountDownLatch released = new CountDownLatch(1);

	/** Lets every {@code hold} (those held now and those to come) answer. */
	public void release() {
		released.countDown();
	}

	/** The events seen so far, in order. */
	public List<TcpEvent> events() {
		return events;
	}

	@Override
	public TcpAnswer handle(TcpEvent event) throws Exception {
		events.add(event);
		return switch (event.kind()) {
			case CONNECTED -> TcpAnswer
				.respondLine("hello " + event.connectionId() + " " + event.remoteAddress().getAddress().getHostAddress()
						+ " " + event.server() + " " + Thread.currentThread().getName());
			case DATA -> "hold".equals(event.bodyText()) ? hold() : data(event.bodyText());
			case CLOSE -> null;
		};
	}

	private TcpAnswer hold() throws InterruptedException {
		released.await();
		return TcpAnswer.respondLine("held");
	}

	private static TcpAnswer data(String text) throws InterruptedException {
		if (text.startsWith("sleep ")) {
			Thread.sleep(Long.parseLong(text.substring("sleep ".length())));
			return TcpAnswer.respondLine("slept");
		}
		return switch (text) {
			case "quiet" -> TcpAnswer.read();
			case "bye" -> TcpAnswer.respondClose("bye!\r\n");
			case "close" -> TcpAnswer.close();
			case "boom" -> throw new IllegalStateException("secret internals: password=hunter2");
			default -> TcpAnswer.respondLine("echo " + text);
		};
	}

}
