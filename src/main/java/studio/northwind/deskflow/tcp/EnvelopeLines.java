package studio.northwind.deskflow.tcp;

import dev.moonlight.tcp.ReactiveTcpHandler;
import dev.moonlight.tcp.TcpAnswer;
import dev.moonlight.tcp.TcpEnvelopes;
import dev.moonlight.tcp.TcpEvent;
import dev.moonlight.tcp.TcpWorker;
import reactor.core.publisher.Mono;

/**
 * The {@code envelope} server: one JSON envelope request a line, answered with one
 * envelope a line, the same calls as {@code POST /api/v1/}. Log in with a line
 * {@code {"auth":"<token from member.login>"}}.
 */
@TcpWorker("envelope")
final class EnvelopeLines implements ReactiveTcpHandler {

	private final ReactiveTcpHandler v1;

	EnvelopeLines(TcpEnvelopes envelopes) {
		this.v1 = envelopes.handler("v1");
	}

	@Override
	public Mono<TcpAnswer> handle(TcpEvent event) {
		return v1.handle(event);
	}

	@Override
	public int maxInFlight() {
		return v1.maxInFlight();
	}

}
