package dev.moonlight.pipeline;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;

import dev.moonlight.dispatch.Caller;
import dev.moonlight.dispatch.Dispatcher;
import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.IdempotencyKeys;
import dev.moonlight.dispatch.ResultStream;
import dev.moonlight.dispatch.Transport;
import dev.moonlight.logging.LogFields;
import dev.moonlight.logging.Redactor;
import dev.moonlight.logging.RequestLogContext;
import dev.moonlight.maintenance.MaintenanceMode;
import dev.moonlight.maintenance.MaintenanceState;
import dev.moonlight.middleware.ApiResponse;
import dev.moonlight.middleware.MiddlewareChain;
import dev.moonlight.security.AuthenticationRequest;
import dev.moonlight.security.Authenticator;
import reactor.core.publisher.Mono;

/**
 * The one way a call is served, whichever transport brought it (an HTTP request, a
 * WebSocket frame, a TCP line):
 * <ol>
 * <li>{@link #refusal maintenance}: a 503 unless the call offers the bypass token;</li>
 * <li>{@link #run}: request middleware, authentication (the transport's headers, or a
 * socket's caller), dispatch (guards, validation, the worker pool), failures mapped by
 * the {@link ErrorMapper};</li>
 * <li>{@link #respond}: the request id and the response middleware on every answer,
 * errors included;</li>
 * <li>{@link #completed}: metrics and the access log, once the transport has the
 * answer.</li>
 * </ol>
 * A transport only turns bytes into a {@link Call} and the {@link ApiResponse} back into
 * bytes; what is HTTP's alone (routes, CORS, the HTTPS-only policy) stays in its adapter.
 * Runs on the caller's thread and never blocks: a blocking action runs on the worker pool
 * and the steps after it on the thread that finished it.
 */
public final class CallPipeline {

	private static final Logger logger = LoggerFactory.getLogger(CallPipeline.class);

	private final MaintenanceMode maintenance;

	private final MiddlewareChain middleware;

	private final Authenticator authenticator;

	private final Dispatcher dispatcher;

	private final ErrorMapper errors;

	private final Redactor redactor;

	private final RequestListeners listeners;

	public CallPipeline(MaintenanceMode maintenance, MiddlewareChain middleware, Authenticator authenticator,
			Dispatcher dispatcher, ErrorMapper errors, Redactor redactor, RequestListeners listeners) {
		this.maintenance = maintenance;
		this.middleware = middleware;
		this.authenticator = authenticator;
		this.dispatcher = dispatcher;
		this.errors = errors;
		this.redactor = redactor;
		this.listeners = listeners;
	}

	/**
	 * The dispatcher the calls go to: its registry says which versions exist, and it
	 * starts deferred work.
	 */
	public Dispatcher dispatcher() {
		return dispatcher;
	}

	/**
	 * The maintenance step, before anything else is read or run.
	 * @return {@code null} when the call is served, else the 503 to send: over HTTP with
	 * {@code Retry-After} and {@code Cache-Control: no-store}, elsewhere with the wait in
	 * {@code extraData.retry_after}
	 */
	public ApiResponse refusal(Call call) {
		MaintenanceState state = maintenance.state();
		if (!state.enabled() || state.admits(call.bypass())) {
			return null;
		}
		boolean http = call.transport() == Transport.HTTP;
		HttpHeaders headers = headers(call, Map.of());
		if (http) {
			if (state.retryAfterSeconds() >= 0) {
				headers.set(HttpHeaders.RETRY_AFTER, Long.toString(state.retryAfterSeconds()));
			}
			headers.setCacheControl("no-store");
		}
		return new ApiResponse(503, state.refusal(!http), headers);
	}

	/**
	 * Runs an addressed call ({@link Call#address}) from the request middleware to the
	 * response middleware. Never fails: every failure becomes its error answer.
	 */
	public Mono<ApiResponse> run(Call call) {
		if (!middleware.isEmpty() || logger.isDebugEnabled()) {
			try (RequestLogContext log = RequestLogContext.open(call.requestId())) {
				middleware.onRequest(call);
				if (logger.isDebugEnabled()) {
					logger.debug("{} params {}", LogFields.safe(call.label()),
							LogFields.safe(redactor.redact(call.params())));
				}
			}
			catch (RuntimeException ex) {
				return Mono.just(failure(call, ex));
			}
		}
		return caller(call).map(call::by)
			.flatMap(dispatcher::dispatch)
			.map((envelope) -> respond(call, reply(call, envelope)))
			.onErrorResume((failure) -> Mono.fromSupplier(() -> failure(call, failure)));
	}

	/** The action's answer; a replayed one says so over HTTP in a header. */
	private static Reply reply(Call call, Envelope envelope) {
		Reply reply = Reply.of(envelope);
		if (call.call().idempotencyKey() == null || !IdempotencyKeys.replayed(envelope)) {
			return reply;
		}
		return new Reply(reply.status(), envelope, Map.of(IdempotencyKeys.REPLAYED_HEADER, "true"));
	}

	private Mono<Caller> caller(Call call) {
		Mono<Caller> socket = call.identity();
		return (socket != null) ? socket
				: authenticator.authenticate(new AuthenticationRequest(call.headers(), call.remoteAddress()));
	}

	/**
	 * The answer with the call's request id and the outcome's headers, after the response
	 * middleware.
	 */
	public ApiResponse respond(Call call, Reply reply) {
		ApiResponse response = new ApiResponse(reply.status(), reply.envelope(), headers(call, reply.headers()));
		if (!middleware.isEmpty()) {
			try (RequestLogContext log = RequestLogContext.open(call.requestId())) {
				middleware.onResponse(call, response);
			}
			ResultStream stream = ResultStream.in(reply.envelope());
			if (stream != null && response.envelope() != reply.envelope()) {
				// Middleware answered in the stream's place: nobody will read it.
				stream.discard();
			}
		}
		return response;
	}

	/**
	 * The error answer of a failure, logged as the {@link ErrorMapper} does, after the
	 * response middleware.
	 */
	public ApiResponse failure(Call call, Throwable failure) {
		return respond(call, mapped(call, failure, call.label()));
	}

	/**
	 * A failure as an answer without the response middleware: for an answer that cannot
	 * be written, whose middleware already ran.
	 */
	public Reply mapped(Call call, Throwable failure, String label) {
		try (RequestLogContext log = RequestLogContext.open(call.requestId())) {
			return errors.map(failure, label, call.params());
		}
	}

	/**
	 * The answer's bytes, for a transport that writes envelopes without HTTP's status
	 * line: an envelope that cannot be serialised becomes its failure's (logged as the
	 * {@link ErrorMapper} does).
	 * @param writer the transport's serialiser (a frame's adds its id)
	 */
	public byte[] bytes(Call call, ApiResponse response, Function<Envelope, byte[]> writer) {
		try {
			return writer.apply(response.envelope());
		}
		catch (RuntimeException ex) {
			return writer.apply(mapped(call, ex, "serialising the envelope of " + call.label()).envelope());
		}
	}

	/**
	 * Tells metrics and the access log about a frame or line once its answer is ready to
	 * be sent. HTTP requests are told by the HTTP adapter, which also sees the requests
	 * that are not API calls and times the written response.
	 * @param bytes the answer's size
	 */
	public void completed(Call call, int status, long bytes) {
		if (listeners.quiet()) {
			return;
		}
		long nanos = System.nanoTime() - call.startedNanos();
		listeners.completed(new CompletedRequest(Instant.now().minusNanos(nanos), call.transport().name(), call.path(),
				status, bytes, nanos, call, call.remoteAddress()));
	}

	/**
	 * The outcome's headers, and over HTTP the request id; frames and lines carry no
	 * headers.
	 */
	private static HttpHeaders headers(Call call, Map<String, String> outcome) {
		HttpHeaders headers = new HttpHeaders();
		if (!outcome.isEmpty()) {
			outcome.forEach(headers::set);
		}
		if (call.transport() == Transport.HTTP) {
			headers.set(RequestIds.HEADER, call.requestId());
		}
		return headers;
	}

}
