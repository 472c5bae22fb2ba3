package dev.moonlight.web;

import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.support.Netty4HeadersAdapter;

import dev.moonlight.dispatch.EarlyHints;
import dev.moonlight.logging.LogFields;
import dev.moonlight.pipeline.Call;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The one writer of {@code /api}: every request under it is answered here, straight from
 * Reactor Netty, by the {@link ApiHandler}, with CORS ({@link ApiCors}) and the
 * {@link AnswerHeaders} of other capabilities (HSTS) applied on the way. WebFlux never
 * sees these requests, so no {@code WebFilter} (an application's own, Spring Security)
 * slows them down or stands in their way; only paths an {@link ApiPathClaim} takes (the
 * WebSocket handshake, the docs catalog) are left to WebFlux.
 */
final class ApiRoute {

	private static final Logger logger = LoggerFactory.getLogger(ApiRoute.class);

	static final int CLIENT_CLOSED_REQUEST = 499;

	private static final int SERVER_ERROR = 500;

	private static final NettyDataBufferFactory BUFFERS = new NettyDataBufferFactory(ByteBufAllocator.DEFAULT);

	private final ApiHandler handler;

	private final RequestBodyReader bodies;

	private final RequestObserver observer;

	private final ApiCors cors;

	private final Supplier<List<ApiPathClaim>> claims;

	private final Supplier<List<AnswerHeaders>> answerHeaders;

	/**
	 * @param claims and {@code answerHeaders}: the beans, asked once at the first request
	 * (they may be built after this route)
	 */
	ApiRoute(ApiHandler handler, RequestBodyReader bodies, RequestObserver observer, ApiCors cors,
			Supplier<List<ApiPathClaim>> claims, Supplier<List<AnswerHeaders>> answerHeaders) {
		this.handler = handler;
		this.bodies = bodies;
		this.observer = observer;
		this.cors = cors;
		this.claims = claims;
		this.answerHeaders = answerHeaders;
	}

	/** Whether the request is under {@code /api} and no other capability claims it. */
	boolean serves(HttpServerRequest request) {
		String path = ApiTarget.path(request.uri());
		if (path == null) {
			return false;
		}
		List<ApiPathClaim> all = claims.get();
		if (!all.isEmpty()) {
			HttpMethod method = HttpMethod.valueOf(request.method().name());
			for (ApiPathClaim claim : all) {
				if (claim.claims(method, path)) {
					return false;
				}
			}
		}
		return true;
	}

	/** Deferred, so that nothing the request's head makes fail escapes unanswered. */
	Publisher<Void> serve(HttpServerRequest request, HttpServerResponse response) {
		return Mono.defer(() -> answer(request, response));
	}

	private Mono<Void> answer(HttpServerRequest request, HttpServerResponse response) {
		HttpHeaders headers = springHeaders(request.requestHeaders());
		HttpMethod method = HttpMethod.valueOf(request.method().name());
		String uri = request.uri();
		String path = ApiTarget.path(uri);
		boolean tls = "https".equals(request.connectionScheme());
		Call exchange = handler.exchange(method, path, ApiTarget.query(uri), headers, request.remoteAddress(),
				request.hostAddress(), tls);
		ApiCors.Check check = cors.check(method, headers, request.scheme(), request.hostName(),
				ApiCors.port(request.scheme(), request.hostPort()));
		Completion completion = new Completion(exchange, request.remoteAddress());
		NettyEarlyHints hints = NettyEarlyHints.of(request, response);
		return handler
			.handle(exchange, check, () -> body(request, response, headers), (hints != null) ? hints : EarlyHints.NONE)
			.flatMap((answer) -> {
				if (hints != null) {
					hints.close();
				}
				completion.answer = answer;
				// Deferred, so that a write that throws (a header a middleware set badly)
				// still runs what follows it.
				return Mono.defer(() -> write(request, response, answer, tls, completion)).doFinally((signal) -> {
					answer.afterWrite().run();
					if (answer.stream() != null) {
						answer.stream().discard().run();
					}
				});
			})
			.doFinally(completion::report);
	}

	/**
	 * A JSON body of announced length is read whole as it comes; any other (a form, an
	 * upload, a chunked or oversized body) through the {@link RequestBodyReader}'s
	 * limits.
	 */
	private Mono<RequestBody> body(HttpServerRequest request, HttpServerResponse response, HttpHeaders headers) {
		io.netty.handler.codec.http.HttpHeaders raw = request.requestHeaders();
		if (raw.contains(HttpHeaderNames.TRANSFER_ENCODING)
				|| !bodies.readsDirectly(raw.get(HttpHeaderNames.CONTENT_TYPE), contentLength(raw))) {
			return bodies.read(headers, request.receive().retain().map(BUFFERS::wrap), response::hasSentHeaders);
		}
		return request.receive().aggregate().asInputStream().map((stream) -> {
			try (InputStream body = stream) {
				return bodies.json(body);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}).switchIfEmpty(Mono.fromSupplier(() -> bodies.json(null)));
	}

	private Mono<Void> write(HttpServerRequest request, HttpServerResponse response, ApiAnswer answer, boolean tls,
			Completion completion) {
		if (answer.stream() != null && !response.hasSentHeaders()) {
			return stream(request, response, answer, tls, completion);
		}
		return write(request, response, answer, tls);
	}

	/**
	 * A streamed answer: its head waits for the first chunk, so a failure before any byte
	 * is still answered whole with its status; after it, each chunk is flushed as it
	 * comes and the next is pulled only as the socket takes them. A failure half-way errs
	 * the body, which makes Reactor Netty close the connection (HTTP/1.1) or reset the
	 * stream (HTTP/2): the client never mistakes the part for the whole.
	 */
	private Mono<Void> stream(HttpServerRequest request, HttpServerResponse response, ApiAnswer answer, boolean tls,
			Completion completion) {
		return answer.stream().chunks().switchOnFirst((first, chunks) -> {
			if (first.isOnError()) {
				ApiAnswer failed = answer.stream().early().apply(first.getThrowable());
				completion.answer = failed;
				return write(request, response, failed, tls);
			}
			headers(response, answer, tls);
			return response.send(chunks, (chunk) -> true).then();
		}).then();
	}

	private Mono<Void> write(HttpServerRequest request, HttpServerResponse response, ApiAnswer answer, boolean tls) {
		if (response.hasSentHeaders()) {
			// Netty's decoder answered 400 to a body it could not decode; that is the
			// client's answer.
			logger.debug("{} {} was refused by the HTTP decoder with 400", request.method(),
					LogFields.safe(request.uri()));
			return Mono.empty();
		}
		headers(response, answer, tls);
		if (answer.body() == null) {
			return response.send().then();
		}
		return response.send(Mono.just(Unpooled.wrappedBuffer(answer.body()))).then();
	}

	private void headers(HttpServerResponse response, ApiAnswer answer, boolean tls) {
		response.status(HttpResponseStatus.valueOf(answer.status()));
		io.netty.handler.codec.http.HttpHeaders target = response.responseHeaders();
		answer.headers().asMultiValueMap().forEach(target::add);
		List<AnswerHeaders> extra = answerHeaders.get();
		if (!extra.isEmpty()) {
			HttpHeaders written = springHeaders(target);
			for (AnswerHeaders added : extra) {
				added.addTo(written, tls);
			}
		}
	}

	private static long contentLength(io.netty.handler.codec.http.HttpHeaders headers) {
		String value = headers.get(HttpHeaderNames.CONTENT_LENGTH);
		if (value == null) {
			return -1;
		}
		try {
			return Long.parseLong(value.strip());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static HttpHeaders springHeaders(io.netty.handler.codec.http.HttpHeaders headers) {
		return new HttpHeaders(new Netty4HeadersAdapter(headers));
	}

	/**
	 * Reports a request to the {@link RequestObserver} when it ends: with its answer, or
	 * as 499 (nginx's "client closed request") when the client left before there was one.
	 * Reported from the end of the whole exchange, once: a server that completes an
	 * exchange may cancel it afterwards too.
	 */
	private final class Completion {

		private final Call call;

		private final InetSocketAddress peer;

		/**
		 * Set once the answer is ready, maybe on a worker; read when the exchange ends.
		 */
		volatile ApiAnswer answer;

		Completion(Call call, InetSocketAddress peer) {
			this.call = call;
			this.peer = peer;
		}

		void report(SignalType signal) {
			if (observer.quiet()) {
				return;
			}
			ApiAnswer answered = this.answer;
			int status = (answered != null) ? answered.status()
					: (signal == SignalType.ON_ERROR) ? SERVER_ERROR : CLIENT_CLOSED_REQUEST;
			long bytes = (answered != null) ? answered.size() : -1;
			long nanos = System.nanoTime() - call.startedNanos();
			observer.completed(Instant.now().minusNanos(nanos), nanos, call.method().name(), call.path(),
					call.headers(), peer, status, bytes, call);
		}

	}

}
