package dev.moonlight.tcp;

import reactor.core.publisher.Mono;

/**
 * A {@link TcpHandler} that never blocks: it is called on the connection's event loop,
 * skipping the hop to {@code tcp.pool}, and answers with a {@code Mono} (as reactive
 * actions do). Use it for handlers that only pass work on, such as the envelope lines
 * handler, which hands blocking actions to the HTTP worker pool itself.
 */
@FunctionalInterface
public interface ReactiveTcpHandler {

	/**
	 * @param event what happened
	 * @return what to do next; an empty Mono means {@link TcpAnswer#read()}, an error
	 * closes the connection with an error line
	 */
	Mono<TcpAnswer> handle(TcpEvent event);

	/**
	 * How many frames of one connection this handler may work on at once; their answers
	 * still leave in the order the frames came, as HTTP/1.1 pipelining does. {@code 1},
	 * the default, sends each answer before the next frame is handled, as a protocol with
	 * state per connection (SMTP) needs.
	 * @return at least 1
	 */
	default int maxInFlight() {
		return 1;
	}

}
