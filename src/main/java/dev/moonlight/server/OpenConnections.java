package dev.moonlight.server;

/**
 * How many connections the web server's listeners hold open now (plain and TLS together,
 * HTTP/2 streams not counted), for the {@code workers} command.
 */
@FunctionalInterface
public interface OpenConnections {

	/** Where there is no web server: -1, "unknown". */
	OpenConnections NONE = () -> -1;

	int open();

}
