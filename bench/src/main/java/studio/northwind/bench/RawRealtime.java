package studio.northwind.bench;

import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.tcp.TcpServer;

/**
 * The floor of the realtime scenarios: Reactor Netty alone. {@code /api/v1/ws} answers
 * each text frame with DeskFlow's {@code welcome.ping} frame and the request's id (found
 * by a scan, not parsed); the TCP server answers each line with DeskFlow's envelope line.
 * {@code GET /api/v1/ping} is there so bench/run.sh can wait for it.
 */
final class RawRealtime {

	/** DeskFlow's {@code tcp.servers.envelope.max_frame_size}. */
	private static final int MAX_LINE = 1024 * 1024;

	private RawRealtime() {
	}

	/** Binds the TCP server first, so the HTTP port answering means both are up. */
	static DisposableServer start(String host, int httpPort, int tcpPort) {
		TcpServer.create()
			.host(host)
			.port(tcpPort)
			.doOnConnection((connection) -> connection.addHandlerLast("lines", new LineBasedFrameDecoder(MAX_LINE)))
			.handle((in, out) -> out.sendByteArray(in.receive().map((line) -> WelcomeFrames.LINE)))
			.bindNow();
		return HttpServer.create()
			.host(host)
			.port(httpPort)
			.route((routes) -> routes
				.get("/api/v1/ping",
						(request, response) -> response.status(HttpResponseStatus.OK)
							.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
							.sendByteArray(Mono.just(TaskJson.PONG)))
				.ws("/api/v1/ws",
						(in, out) -> out.sendObject(in.receiveFrames()
							.filter(TextWebSocketFrame.class::isInstance)
							.map((frame) -> new TextWebSocketFrame(WelcomeFrames.frameAnswer(frame.content()))))))
			.bindNow();
	}

}
