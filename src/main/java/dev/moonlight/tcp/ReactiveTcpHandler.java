package dev.moonlight.tcp;

import reactor.core.publisher.Mono;

/**
 * A {@link TcpHandler} that never blocks: it is called on the connection's event loop, skipping the hop to
 * {@code tcp.pool}, and answers with a {@code Mono} (as reactive actions do). Use it for handlers that only pass work
 * on, such as the envelope lines handler, which hands blocking actions to the HTTP worker pool itself.
 */
@FunctionalInterface
public interface ReactiveTcpHandler {

	/**
	 * @param event what happened
	 * @return what to do next; an empty Mono means {@link TcpAnswer#read()}, an error closes the connection with an
	 * error line
	 */
	Mono<TcpAnswer> handle(TcpEvent event);

}
