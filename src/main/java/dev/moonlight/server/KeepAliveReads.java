package dev.moonlight.server;

/**
 * Works around a lost read in Reactor Netty 1.3.7's HTTP/1.1 handler (reactor-netty issue
 * 4361, pull request 4347): a kept-alive client that sends its next request as soon as it
 * has read an answer can find that request buffered while the previous request's
 * operations finish, and never read. The connection then hangs with the request in the
 * socket; measured here, 5-12 of 120 connections where {@code GET /api/v1/ping} and a
 * {@code POST} take turns.
 * <p>
 * Reactor Netty's own switch {@code reactor.netty.http.server.lastFlushWhenNoRead} ends
 * the previous operations before such a request is looked at, so it is served at once (it
 * also defers an answer's last flush to the end of the read, which coalesces writes).
 * Reactor Netty reads the switch once, when its HTTP handler class loads, so this sets it
 * before the first server is built, unless the JVM was started with it. Genuinely
 * pipelined requests (sent before the previous answer arrived, which browsers and proxies
 * do not do) can still meet the bug until a Reactor Netty release carries the fix; then
 * this class goes.
 */
final class KeepAliveReads {

	static final String SWITCH = "reactor.netty.http.server.lastFlushWhenNoRead";

	private KeepAliveReads() {
	}

	static void serveEveryKeptAliveRequest() {
		System.getProperties().putIfAbsent(SWITCH, "true");
	}

}
