package dev.moonlight.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2StreamChannel;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import dev.moonlight.dispatch.EarlyHints;

/**
 * Writes a {@code 103 Early Hints} beside Reactor Netty's own answer, which knows no
 * interim answers but {@code 100 Continue}: over HTTP/2 as a HEADERS frame that does not
 * end the stream; over HTTP/1.1 as bytes written below the HTTP codec, so neither the
 * codec nor Reactor Netty's keep-alive bookkeeping takes it for the answer. HTTP/1.0
 * clients get none (RFC 8297 §3), nor does a request whose answer has begun.
 */
public final class NettyEarlyHints implements EarlyHints {

	private static final String STATUS_LINE = "HTTP/1.1 103 Early Hints\r\n";

	private final Channel channel;

	private final HttpServerResponse response;

	private boolean answered;

	private NettyEarlyHints(Channel channel, HttpServerResponse response) {
		this.channel = channel;
		this.response = response;
	}

	/**
	 * The hints of a request the API's route serves, which it closes before it answers;
	 * {@code null} for a client that takes none.
	 */
	static NettyEarlyHints of(HttpServerRequest request, HttpServerResponse response) {
		if (!(request instanceof Connection connection) || HttpVersion.HTTP_1_0.equals(request.version())) {
			return null;
		}
		return new NettyEarlyHints(connection.channel(), response);
	}

	/**
	 * The hints of a page request, for a WebFlux handler to send before its answer;
	 * {@link EarlyHints#NONE} off Reactor Netty.
	 */
	public static EarlyHints of(ServerWebExchange exchange) {
		Object request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
		Object response = ServerHttpResponseDecorator.getNativeResponse(exchange.getResponse());
		if (request instanceof HttpServerRequest nettyRequest && response instanceof HttpServerResponse nettyResponse) {
			NettyEarlyHints hints = of(nettyRequest, nettyResponse);
			return (hints != null) ? hints : EarlyHints.NONE;
		}
		return EarlyHints.NONE;
	}

	/**
	 * The hints of a browser's page load over HTTP/2 ({@code Sec-Fetch-Mode: navigate},
	 * which browsers send and tools do not); {@link EarlyHints#NONE} otherwise. Over
	 * HTTP/1.1 a {@code 103} is read as the final answer by some clients (Reactor Netty's
	 * {@code HttpClient}) and by proxies (nginx 1.22, checked here, passes an upstream's
	 * {@code 103} on as the answer and drops the real one), and browsers act on hints
	 * only over HTTP/2 anyway; in an HTTP/2 stream an interim HEADERS frame is part of
	 * the protocol, so every client and proxy reads it as one.
	 */
	public static EarlyHints forNavigation(ServerWebExchange exchange) {
		if (!"navigate".equals(exchange.getRequest().getHeaders().getFirst("Sec-Fetch-Mode"))) {
			return EarlyHints.NONE;
		}
		EarlyHints hints = of(exchange);
		return (hints instanceof NettyEarlyHints netty && netty.channel instanceof Http2StreamChannel) ? hints
				: EarlyHints.NONE;
	}

	/**
	 * Writes the hints, or queues them on the connection's event loop ahead of the
	 * answer. The check and the queueing hold the lock {@link #close} takes, so hints are
	 * queued before the answer's own writes or not at all: an action cut by
	 * {@code exec_ttl} may call this after its 504 went out, and a HEADERS frame after
	 * the answer's would cost the whole HTTP/2 connection.
	 * @return whether the hints were written or queued
	 */
	@Override
	public synchronized boolean send(List<String> links) {
		links.forEach(EarlyHints::checked);
		if (links.isEmpty() || this.answered || this.response.hasSentHeaders() || !this.channel.isActive()) {
			return false;
		}
		List<String> copy = List.copyOf(links);
		if (this.channel.eventLoop().inEventLoop()) {
			write(copy);
		}
		else {
			this.channel.eventLoop().execute(() -> write(copy));
		}
		return true;
	}

	/**
	 * No hints after this: the API's route calls it before it writes the answer, on
	 * whatever thread the answer was made.
	 */
	synchronized void close() {
		this.answered = true;
	}

	private void write(List<String> links) {
		if (!this.channel.isActive()) {
			return;
		}
		if (this.channel instanceof Http2StreamChannel) {
			Http2Headers headers = new DefaultHttp2Headers().status("103");
			links.forEach((link) -> headers.add("link", link));
			this.channel.writeAndFlush(new DefaultHttp2HeadersFrame(headers, false));
			return;
		}
		// By type: with h2c on, the codec is added under a name of Netty's making.
		ChannelHandlerContext codec = this.channel.pipeline().context(HttpServerCodec.class);
		if (codec != null) {
			StringBuilder head = new StringBuilder(STATUS_LINE);
			links.forEach((link) -> head.append("Link: ").append(link).append("\r\n"));
			head.append("\r\n");
			codec.writeAndFlush(Unpooled.copiedBuffer(head, StandardCharsets.US_ASCII));
		}
	}

}
