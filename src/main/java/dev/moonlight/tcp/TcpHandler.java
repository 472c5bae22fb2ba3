package dev.moonlight.tcp;

/**
 * Handles the events of a TCP server's connections, like a RoadRunner TCP worker. Runs on
 * a worker of {@code tcp.pool}, so it may block (JDBC, files); the events of one
 * connection arrive one at a time, in order. Mark the bean with {@link TcpWorker} to say
 * which servers it serves.
 * <p>
 * An exception is logged, answered with an {@code ERROR 500} line and closes that
 * connection; the server goes on. {@code null} means {@link TcpAnswer#read()}.
 */
@FunctionalInterface
public interface TcpHandler {

	/**
	 * @param event what happened
	 * @return what to do next (ignored for {@link TcpEvent.Kind#CLOSE})
	 * @throws Exception when the event cannot be handled
	 */
	TcpAnswer handle(TcpEvent event) throws Exception;

}
