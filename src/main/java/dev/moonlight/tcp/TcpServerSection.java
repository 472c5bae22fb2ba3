package dev.moonlight.tcp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.moonlight.config.Origin;

/**
 * One server under {@code tcp.servers.<name>}.
 *
 * @param name the server's name, which picks its {@link TcpWorker} handler
 * @param host {@code addr}'s host ({@code tcp://127.0.0.1:7070})
 * @param port {@code addr}'s port; 0 picks a free one
 * @param delimiter {@code delimiter}: what ends a frame; default {@code "\r\n"}
 * @param readBufferBytes {@code read_buf_size} (MB, as RoadRunner; here or under
 * {@code tcp}): the largest chunk read from the socket at once; default 1 MB
 * @param maxFrameSize {@code max_frame_size}: the longest frame in bytes; a longer one is
 * answered with an {@code ERROR 413} line and closes the connection; default
 * {@value #DEFAULT_MAX_FRAME_SIZE}
 * @param idleTimeout {@code idle_timeout}: a connection that sends nothing this long is
 * closed (with an {@code ERROR 408} line); default 5m, 0 for never
 * @param maxConnections {@code max_connections}: open connections at most; one more is
 * answered with an {@code ERROR 503} line and closed; default
 * {@value #DEFAULT_MAX_CONNECTIONS}
 * @param origin where the server is configured, for errors about it
 */
public record TcpServerSection(String name, String host, int port, byte[] delimiter, int readBufferBytes,
		int maxFrameSize, Duration idleTimeout, int maxConnections, Origin origin) {

	public static final String DEFAULT_DELIMITER = "\r\n";

	public static final int DEFAULT_MAX_FRAME_SIZE = 1024 * 1024;

	public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

	public static final int DEFAULT_MAX_CONNECTIONS = 1024;

	/** {@code tcp.servers.<name>}, the prefix of this server's keys. */
	public String path() {
		return "tcp.servers." + name;
	}

	/** The delimiter as text, for log lines. */
	String printableDelimiter() {
		return new String(delimiter, StandardCharsets.UTF_8).replace("\r", "\\r")
			.replace("\n", "\\n")
			.replace("\t", "\\t");
	}

}
