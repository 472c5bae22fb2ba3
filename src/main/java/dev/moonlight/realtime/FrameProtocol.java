package dev.moonlight.realtime;

import reactor.core.publisher.Flux;

import java.util.concurrent.atomic.AtomicLong;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

import dev.moonlight.dispatch.ActionContext;
import dev.moonlight.dispatch.BadRequestException;
import dev.moonlight.dispatch.Caller;
import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.ResultStream;
import dev.moonlight.dispatch.EnvelopeRequests;
import dev.moonlight.dispatch.EnvelopeWriter;
import dev.moonlight.dispatch.ServiceUnavailableException;
import dev.moonlight.dispatch.UnauthorizedException;
import dev.moonlight.dispatch.UploadedFiles;
import dev.moonlight.middleware.ApiResponse;
import dev.moonlight.pipeline.Call;
import dev.moonlight.pipeline.CallPipeline;
import dev.moonlight.pipeline.ErrorMapper;
import dev.moonlight.pipeline.Reply;
import dev.moonlight.security.AuthenticationRequest;
import dev.moonlight.security.Authenticator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a socket's text frames mean. A frame is a JSON object with an optional {@code id}
 * (a number or a string, echoed in the answer) and one of: {@code "auth": "<jwt>"};
 * {@code "subscribe"} / {@code "unsubscribe": "<channel>"}; or {@code service} and
 * {@code action} with the parameters either in {@code data} (Pionia's frame) or beside
 * them. A call runs through the {@link CallPipeline} exactly as over HTTP (maintenance,
 * middleware, dispatcher, marks, validation, pool, error envelopes, metrics); answers
 * carry the {@code id} and leave in the order they finish. A malformed frame gets an
 * error envelope with {@code "id": null}; it never closes the socket. While maintenance
 * is on, every frame of a socket, opened before or after, gets the maintenance 503
 * envelope with its id (and {@code extraData.retry_after} when a wait is set) unless the
 * socket's handshake offered the bypass token.
 * <p>
 * Frames are read on the event loop in arrival order, with at most {@code MAX_IN_FLIGHT}
 * calls of a socket running; beyond that the socket is not read until one finishes. A
 * call waits for any authentication sent before it.
 */
final class FrameProtocol {

	static final String AUTHENTICATED = "Authenticated";

	static final String BAD_TOKEN = "The token is invalid or has expired";

	static final String EXPIRED = "The token has expired; connect again with a new one";

	/** More subscriptions than this on one socket is a client bug, not a use case. */
	static final int MAX_SUBSCRIPTIONS = 100;

	/**
	 * The 503 for a frame that arrives while the socket closes for shutdown: it was not
	 * run.
	 */
	static final String SHUTTING_DOWN = "The server is shutting down; this frame was not run. Connect again and send"
			+ " it.";

	private final CallPipeline pipeline;

	private final Authenticator authenticator;

	private final ErrorMapper errors;

	private final EnvelopeWriter writer;

	private final JsonMapper mapper;

	private final ChannelHub hub;

	private final ChannelNames names;

	private final RealtimeSettings settings;

	FrameProtocol(CallPipeline pipeline, Authenticator authenticator, ErrorMapper errors, JsonMapper mapper,
			ChannelHub hub, RealtimeSettings settings) {
		this.pipeline = pipeline;
		this.authenticator = authenticator;
		this.errors = errors;
		this.writer = new EnvelopeWriter(mapper.writer());
		this.mapper = mapper;
		this.hub = hub;
		this.names = new ChannelNames(settings.channelPrefix());
		this.settings = settings;
	}

	/**
	 * Serves one socket until it closes.
	 * @param secure whether the handshake came over TLS (directly, or through a trusted
	 * proxy)
	 * @param bypass the maintenance bypass token the handshake offered, or {@code null}
	 */
	Mono<Void> serve(WebSocketSession session, String version, Caller caller, boolean secure, String bypass) {
		RealtimeSocket socket = new RealtimeSocket(session, version, settings.sendBuffer());
		socket.caller(Mono.just(caller));
		socket.expireAt(Expiry.of(caller), expiredNotice());
		hub.opened(socket);
		socket.start(settings.pingInterval());
		return session.receive()
			// The client closed or left: streams under way stop (the frames
			// that end the socket wait for them).
			.doFinally((signal) -> socket.stopStreams())
			.doOnNext((message) -> socket.heard())
			.filter((message) -> message.getType() == WebSocketMessage.Type.TEXT
					|| message.getType() == WebSocketMessage.Type.BINARY)
			.flatMap((message) -> frame(socket, message, secure, bypass), settings.maxInFlight())
			// The connection broke or was refused (FragmentLimit, Netty's decoder): it is
			// closed either way.
			.onErrorResume((failure) -> Mono.empty())
			.then()
			.doFinally((signal) -> {
				hub.closed(socket);
				socket.closed();
			});
	}

	/**
	 * Called on the event loop while the frame's buffer is valid: everything read from it
	 * is read here.
	 */
	private Mono<Void> frame(RealtimeSocket socket, WebSocketMessage message, boolean secure, String bypass) {
		ObjectNode frame;
		JsonNode id;
		try {
			if (message.getType() != WebSocketMessage.Type.TEXT) {
				throw new BadRequestException("Send envelope requests as text frames holding JSON.");
			}
			frame = EnvelopeRequests.parse(mapper, message.getPayload().asInputStream(), "the frame");
			id = id(frame.remove("id"));
		}
		catch (RuntimeException ex) {
			socket.send(writer.write(null, errors.envelope(ex, "ws frame", null)));
			return Mono.empty();
		}
		// After parsing, so the 503 carries the id the client waits on.
		Call call = Call.frame(socket.path(), socket.remoteAddress(), secure, socket.caller(), bypass);
		ApiResponse refused = pipeline.refusal(call);
		if (refused != null) {
			send(socket, id, call, refused);
			return Mono.empty();
		}
		if (!socket.beginCall()) {
			socket.send(writer.write(id,
					errors.envelope(new ServiceUnavailableException(SHUTTING_DOWN, 1), "ws frame", null)));
			return Mono.empty();
		}
		return answered(socket, id, frame, call).doFinally((signal) -> socket.endCall());
	}

	/**
	 * The frame's call (or auth, subscribe, unsubscribe), its answer queued on the socket
	 * when done.
	 */
	private Mono<Void> answered(RealtimeSocket socket, JsonNode id, ObjectNode frame, Call call) {
		// defer: a frame's failure must become its error envelope, never an error of the
		// socket's inbound stream.
		if (frame.has("auth")) {
			return answer(socket, id, "ws auth", null, Mono.defer(() -> auth(socket, frame.get("auth"))));
		}
		if (frame.has("subscribe")) {
			return answer(socket, id, "ws subscribe", null,
					Mono.defer(() -> subscribe(socket, frame.get("subscribe"))));
		}
		if (frame.has("unsubscribe")) {
			return answer(socket, id, "ws unsubscribe", null,
					Mono.defer(() -> unsubscribe(socket, frame.get("unsubscribe"))));
		}
		return call(socket, id, frame, call);
	}

	private static JsonNode id(JsonNode id) {
		if (id != null && !id.isNull() && !id.isString() && !id.isNumber()) {
			throw new BadRequestException("The id must be a number or a string.");
		}
		return id;
	}

	private Mono<Void> call(RealtimeSocket socket, JsonNode id, ObjectNode frame, Call call) {
		try {
			call.address(addressed(socket.version(), frame, call.requestId()));
		}
		catch (RuntimeException ex) {
			send(socket, id, call, pipeline.failure(call, ex));
			return Mono.empty();
		}
		return pipeline.run(call).flatMap((response) -> {
			ResultStream stream = ResultStream.in(response.envelope());
			if (stream == null) {
				send(socket, id, call, response);
				return Mono.empty();
			}
			return socket.sendPaced(frames(id, call, response, stream));
		});
	}

	/**
	 * A streamed answer: {@code {"id":7,"item":{...}}} a frame, then the envelope frame
	 * with the id, whose {@code returnData} is {@code {"count":N}}, or the error envelope
	 * of a failure half-way (logged).
	 */
	private Flux<byte[]> frames(JsonNode id, Call call, ApiResponse response, ResultStream stream) {
		return Flux.defer(() -> {
			AtomicLong count = new AtomicLong();
			AtomicLong size = new AtomicLong();
			int[] status = { response.status() };
			Envelope head = response.envelope();
			return stream.items()
				.map((item) -> writer.item(id, item))
				.doOnNext((frame) -> count.incrementAndGet())
				.concatWith(Mono.fromSupplier(() -> writer.write(id, head.withData(Map.of("count", count.get())))))
				.onErrorResume((failure) -> Mono.fromSupplier(() -> {
					Reply failed = pipeline.mapped(call, failure, call.label() + " (streaming)");
					status[0] = failed.status();
					return writer.write(id, failed.envelope());
				}))
				.doOnNext((frame) -> size.addAndGet(frame.length))
				.doFinally((signal) -> pipeline.completed(call, status[0], size.get()));
		}).doOnCancel(stream::discard);
	}

	/**
	 * Queues a call's answer with the frame's id; an envelope that cannot be serialised
	 * becomes its failure's.
	 */
	private void send(RealtimeSocket socket, JsonNode id, Call call, ApiResponse response) {
		byte[] bytes = pipeline.bytes(call, response, (envelope) -> writer.write(id, envelope));
		socket.send(bytes);
		pipeline.completed(call, response.status(), bytes.length);
	}

	/**
	 * The call a frame makes; Pionia's frames carry the parameters in {@code data},
	 * others beside the names.
	 */
	private static ActionContext addressed(String version, ObjectNode frame, String requestId) {
		JsonNode data = frame.remove("data");
		ActionContext context = EnvelopeRequests.context(version, frame, null, null, requestId, UploadedFiles.NONE);
		if (data == null || data.isNull()) {
			return context;
		}
		if (!(data instanceof ObjectNode params)) {
			throw new BadRequestException("The data of a frame must be a JSON object of parameters.");
		}
		// One copy, key included: this runs for every frame that carries data.
		return new ActionContext(version, context.service(), context.action(), context.requestId(), context.caller(),
				params, context.files(), context.deferred(), context.hints(), context.idempotencyKey());
	}

	/**
	 * Sends a control frame's envelope (or the failure's) with its id; serialising errors
	 * become a 500 as over HTTP.
	 */
	private Mono<Void> answer(RealtimeSocket socket, JsonNode id, String label, JsonNode params,
			Mono<Envelope> result) {
		return result.map((envelope) -> writer.write(id, envelope))
			.onErrorResume(
					(failure) -> Mono.fromSupplier(() -> writer.write(id, errors.envelope(failure, label, params))))
			.doOnNext(socket::send)
			.then();
	}

	/**
	 * Authenticates a token as an {@code Authorization: Bearer} header would be. A
	 * refused token leaves the socket's caller as it was; an accepted one replaces it and
	 * moves the socket's expiry to the token's.
	 */
	private Mono<Envelope> auth(RealtimeSocket socket, JsonNode token) {
		if (token == null || !token.isString() || token.asString().isBlank()) {
			return Mono.error(new BadRequestException("auth must be a bearer token (a string)."));
		}
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth(token.asString().strip());
		Mono<Caller> attempt = authenticator.authenticate(new AuthenticationRequest(headers, socket.remoteAddress()))
			.cache();
		Mono<Caller> previous = socket.caller();
		socket.caller(previous.flatMap((before) -> attempt.map((now) -> now.authenticated() ? now : before)).cache());
		return attempt.map((caller) -> {
			if (!caller.authenticated()) {
				throw new UnauthorizedException(BAD_TOKEN);
			}
			Instant expires = Expiry.of(caller);
			socket.expireAt(expires, expiredNotice());
			Map<String, Object> who = new LinkedHashMap<>();
			who.put("id", caller.id());
			who.put("name", caller.name());
			who.put("expires_at", (expires != null) ? expires.toString() : null);
			return Envelope.ok(AUTHENTICATED, who);
		});
	}

	private Mono<Envelope> subscribe(RealtimeSocket socket, JsonNode name) {
		String channel = channel(name);
		return socket.caller().map((caller) -> {
			settings.channels().check(caller, names.local(channel));
			if (!socket.subscriptions().contains(channel) && socket.subscriptions().size() >= MAX_SUBSCRIPTIONS) {
				throw new BadRequestException("A socket may subscribe to at most " + MAX_SUBSCRIPTIONS + " channels.");
			}
			socket.subscriptions().add(channel);
			hub.subscribe(channel, socket);
			return Envelope.ok("Subscribed", Map.of("channel", channel));
		});
	}

	private Mono<Envelope> unsubscribe(RealtimeSocket socket, JsonNode name) {
		String channel = channel(name);
		socket.subscriptions().remove(channel);
		hub.unsubscribe(channel, socket);
		return Mono.just(Envelope.ok("Unsubscribed", Map.of("channel", channel)));
	}

	private String channel(JsonNode name) {
		if (name == null || !name.isString()) {
			throw new BadRequestException(ChannelNames.INVALID);
		}
		return names.qualify(name.asString());
	}

	private byte[] expiredNotice() {
		return writer.write(null, new Envelope(401, EXPIRED, null, null));
	}

}
