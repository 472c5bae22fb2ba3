package dev.moonlight.testapp;

import dev.moonlight.tcp.ReactiveTcpHandler;
import dev.moonlight.tcp.TcpAnswer;
import dev.moonlight.tcp.TcpEnvelopes;
import dev.moonlight.tcp.TcpEvent;
import dev.moonlight.tcp.TcpWorker;
import reactor.core.publisher.Mono;

/** The envelope API of version v1 as lines, for the framework's TCP envelope tests. */
@TcpWorker("lines")
class LinesWorker implements ReactiveTcpHandler {

	private final ReactiveTcpHandler lines;

	LinesWorker(TcpEnvelopes envelopes) {
		this.lines = envelopes.handler("v1");
	}

	@Override
	public Mono<TcpAnswer> handle(TcpEvent event) {
		return lines.handle(event);
	}

	@Override
	public int maxInFlight() {
		return lines.maxInFlight();
	}

}
