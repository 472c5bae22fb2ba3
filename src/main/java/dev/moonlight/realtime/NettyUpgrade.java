package dev.moonlight.realtime;

import java.util.function.Supplier;

import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;

import org.springframework.web.reactive.socket.WebSocketMessage;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * WebFlux's Reactor Netty upgrade, with sessions that can also drop their connection: a
 * client that stops reading never completes the close handshake, so closing it politely
 * alone would keep its connection (and send buffer) forever. Frames above
 * {@code maxFrameSize} are refused by Netty's decoder with close status 1009, messages
 * sent in fragments that add up to more by {@link FragmentLimit}.
 */
final class NettyUpgrade implements RequestUpgradeStrategy {

	private final int maxFrameSize;

	NettyUpgrade(int maxFrameSize) {
		this.maxFrameSize = maxFrameSize;
	}

	@Override
	public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler, String subProtocol,
			Supplier<HandshakeInfo> handshakeInfoFactory) {
		ServerHttpResponse response = exchange.getResponse();
		HttpServerResponse reactorResponse = nativeResponse(response);
		HandshakeInfo info = handshakeInfoFactory.get();
		NettyDataBufferFactory buffers = (NettyDataBufferFactory) response.bufferFactory();
		// setComplete() runs WebFlux's pre-commit actions (headers) before the connection
		// changes protocol.
		return response.setComplete().then(Mono.defer(() -> {
			WebsocketServerSpec.Builder spec = WebsocketServerSpec.builder().maxFramePayloadLength(maxFrameSize);
			if (subProtocol != null) {
				spec.protocols(subProtocol);
			}
			return reactorResponse.sendWebsocket(
					(in, out) -> handler.handle(new Session(in, out, info, buffers, maxFrameSize)), spec.build());
		}));
	}

	private static HttpServerResponse nativeResponse(ServerHttpResponse response) {
		if (response instanceof AbstractServerHttpResponse plain) {
			return plain.getNativeResponse();
		}
		if (response instanceof ServerHttpResponseDecorator decorator) {
			return nativeResponse(decorator.getDelegate());
		}
		throw new IllegalStateException("Not a Reactor Netty response: " + response.getClass().getName());
	}

	/**
	 * A Reactor Netty session that can drop its connection and limits fragmented messages
	 * as it limits frames.
	 */
	static final class Session extends ReactorNettyWebSocketSession {

		private final int maxFrameSize;

		Session(WebsocketInbound inbound, WebsocketOutbound outbound, HandshakeInfo info,
				NettyDataBufferFactory buffers, int maxFrameSize) {
			super(inbound, outbound, info, buffers, maxFrameSize);
			this.maxFrameSize = maxFrameSize;
		}

		@Override
		public Flux<WebSocketMessage> receive() {
			// Before the frame aggregator that receive() adds: an oversized message is
			// refused here with 1009, where the aggregator's own error would make Reactor
			// Netty close with no status at all.
			getDelegate().getInbound()
				.withConnection(
						(connection) -> connection.addHandlerLast(FragmentLimit.NAME, new FragmentLimit(maxFrameSize)));
			return super.receive();
		}

		/** Closes the TCP connection without waiting for the close handshake. */
		void disconnect() {
			getDelegate().getInbound().withConnection(Connection::dispose);
		}

	}

}
