package dev.moonlight.tcp;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.HttpHeaders;

import dev.moonlight.dispatch.ActionRegistry;
import dev.moonlight.dispatch.BadRequestException;
import dev.moonlight.dispatch.Caller;
import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.ResultStream;
import dev.moonlight.dispatch.EnvelopeRequests;
import dev.moonlight.dispatch.EnvelopeWriter;
import dev.moonlight.dispatch.MoonlightException;
import dev.moonlight.dispatch.UnauthorizedException;
import dev.moonlight.dispatch.UploadedFiles;
import dev.moonlight.middleware.ApiResponse;
import dev.moonlight.pipeline.Call;
import dev.moonlight.pipeline.CallPipeline;
import dev.moonlight.pipeline.Reply;
import dev.moonlight.pipeline.ErrorMapper;
import dev.moonlight.security.AuthenticationRequest;
import dev.moonlight.security.Authenticator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes handlers that speak the envelope API as lines: each frame is a JSON body exactly
 * as {@code POST /api/{v}/} takes it
 * ({@code {"service":"task","action":"list","status":"open"}}), dispatched the same way
 * (dispatcher, marks, validation, worker pool, error statuses), and answered with one
 * envelope line. A line {@code {"auth":"<jwt>"}} logs the connection in: later lines
 * carry that bearer token, checked again on every line as an HTTP request's would be, so
 * an expired token turns them into 401s. Blank lines are skipped; a malformed line is a
 * 400 line and the connection stays open. Every other line is a call of the
 * {@link CallPipeline}, as an HTTP request is: while maintenance is on it gets the
 * maintenance 503 envelope (with {@code extraData.retry_after} when a wait is set; lines
 * carry no bypass token), and middleware, metrics and the access log see it.
 */
public final class TcpEnvelopes {

	static final String AUTHENTICATED = "Authenticated";

	/**
	 * Lines of one connection handled at once; their answers leave in the order the lines
	 * came, as HTTP/1.1 pipelining's do. A line after an {@code auth} line waits for that
	 * login.
	 */
	static final int MAX_IN_FLIGHT = 16;

	private static final Mono<HttpHeaders> NOT_LOGGED_IN = Mono.just(HttpHeaders.EMPTY);

	private final CallPipeline pipeline;

	private final Authenticator authenticator;

	private final ErrorMapper errors;

	private final JsonMapper mapper;

	private final EnvelopeWriter writer;

	private final ActionRegistry registry;

	public TcpEnvelopes(CallPipeline pipeline, Authenticator authenticator, ErrorMapper errors, JsonMapper mapper) {
		this.pipeline = pipeline;
		this.registry = pipeline.dispatcher().registry();
		this.authenticator = authenticator;
		this.errors = errors;
		this.mapper = mapper;
		this.writer = new EnvelopeWriter(mapper.writer());
	}

	/**
	 * @param version the API version the lines call, such as {@code v1}
	 * @return a handler for one or more TCP servers; it keeps each connection's token
	 * until its {@code CLOSE}
	 */
	public ReactiveTcpHandler handler(String version) {
		if (!registry.hasVersion(version)) {
			throw new IllegalArgumentException("No API version " + version + "; known: " + registry.versions());
		}
		// Each connection's login: the bearer headers of its last accepted auth line,
		// once that line is checked.
		Map<UUID, Mono<HttpHeaders>> logins = new ConcurrentHashMap<>();
		return new ReactiveTcpHandler() {

			@Override
			public Mono<TcpAnswer> handle(TcpEvent event) {
				return switch (event.kind()) {
					case CONNECTED -> Mono.just(TcpAnswer.read());
					case CLOSE -> {
						logins.remove(event.connectionId());
						yield Mono.just(TcpAnswer.read());
					}
					case DATA -> line(version, event, logins);
				};
			}

			@Override
			public int maxInFlight() {
				return MAX_IN_FLIGHT;
			}

		};
	}

	private Mono<TcpAnswer> line(String version, TcpEvent event, Map<UUID, Mono<HttpHeaders>> logins) {
		if (event.bodyText().isBlank()) {
			return Mono.just(TcpAnswer.read());
		}
		Mono<HttpHeaders> login = logins.get(event.connectionId());
		// The token is checked again on every line, as an HTTP request's is: an expired
		// one turns the line into a 401.
		Mono<Caller> caller = (login == null) ? null : login.flatMap(
				(headers) -> authenticator.authenticate(new AuthenticationRequest(headers, event.remoteAddress())));
		Call call = Call.line(version, caller, event.remoteAddress(), null);
		ApiResponse refused = pipeline.refusal(call);
		if (refused != null) {
			return Mono.just(answer(call, refused));
		}
		ObjectNode body;
		try {
			body = EnvelopeRequests.parse(mapper, new ByteArrayInputStream(event.body()), "the line");
		}
		catch (MoonlightException ex) {
			// 400 for malformed JSON, 413 for JSON over a limit (depth, values)
			return Mono.just(answer(errors.envelope(ex, "tcp " + event.server(), null)));
		}
		if (body.has("auth")) {
			return auth(event, body.get("auth"), logins);
		}
		try {
			call.address(EnvelopeRequests.context(version, body, null, null, call.requestId(), UploadedFiles.NONE));
		}
		catch (RuntimeException ex) {
			return Mono.just(answer(call, pipeline.failure(call, ex)));
		}
		return pipeline.run(call).map((response) -> answer(call, response));
	}

	/**
	 * Checks an auth line's token. The connection's login changes at once to "this token,
	 * once checked", so the lines after it wait for the check; a refused token leaves the
	 * login as it was.
	 */
	private Mono<TcpAnswer> auth(TcpEvent event, JsonNode token, Map<UUID, Mono<HttpHeaders>> logins) {
		if (!token.isString() || token.asString().isBlank()) {
			return Mono.just(answer(errors.envelope(new BadRequestException("auth must be a bearer token (a string)."),
					"tcp auth", null)));
		}
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth(token.asString().strip());
		HttpHeaders presented = HttpHeaders.readOnlyHttpHeaders(headers);
		Mono<Caller> attempt = authenticator.authenticate(new AuthenticationRequest(headers, event.remoteAddress()))
			.cache();
		UUID connection = event.connectionId();
		Mono<HttpHeaders> before = logins.getOrDefault(connection, NOT_LOGGED_IN);
		Mono<HttpHeaders> login = attempt.flatMap((caller) -> caller.authenticated() ? Mono.just(presented) : before)
			.onErrorResume((failure) -> before)
			.cache();
		logins.put(connection, login);
		// Settled, the login forgets the chain of earlier ones (a connection may send
		// auth lines all day).
		login.subscribe((settled) -> logins.replace(connection, login, Mono.just(settled)));
		return attempt.map((caller) -> {
			if (!caller.authenticated()) {
				return answer(errors.envelope(new UnauthorizedException("The token is invalid or has expired"),
						"tcp auth", null));
			}
			Map<String, Object> who = new LinkedHashMap<>();
			who.put("id", caller.id());
			who.put("name", caller.name());
			return answer(Envelope.ok(AUTHENTICATED, who));
		});
	}

	/** A call's answer line, told to metrics and the access log. */
	private TcpAnswer answer(Call call, ApiResponse response) {
		ResultStream stream = ResultStream.in(response.envelope());
		if (stream != null) {
			return TcpAnswer.respondLines(lines(call, response, stream), stream::discard);
		}
		byte[] bytes = pipeline.bytes(call, response, writer::write);
		pipeline.completed(call, response.status(), bytes.length);
		return TcpAnswer.respondLine(bytes);
	}

	/**
	 * A streamed answer: {@code {"item":{...}}} a line, then the envelope line whose
	 * {@code returnData} is {@code {"count":N}}, or the error envelope of a failure
	 * half-way (logged). The answers of later lines wait until it is out.
	 */
	private Flux<byte[]> lines(Call call, ApiResponse response, ResultStream stream) {
		return Flux.defer(() -> {
			AtomicLong count = new AtomicLong();
			AtomicLong size = new AtomicLong();
			int[] status = { response.status() };
			Envelope head = response.envelope();
			return stream.items()
				.map(writer::itemLine)
				.doOnNext((line) -> count.incrementAndGet())
				.concatWith(Mono.fromSupplier(() -> writer.write(head.withData(Map.of("count", count.get())))))
				.onErrorResume((failure) -> Mono.fromSupplier(() -> {
					Reply failed = pipeline.mapped(call, failure, call.label() + " (streaming)");
					status[0] = failed.status();
					return writer.write(failed.envelope());
				}))
				.doOnNext((line) -> size.addAndGet(line.length + 1))
				.doFinally((signal) -> pipeline.completed(call, status[0], size.get()));
		});
	}

	private TcpAnswer answer(Envelope envelope) {
		byte[] bytes;
		try {
			bytes = writer.write(envelope);
		}
		catch (RuntimeException ex) {
			bytes = writer.write(errors.envelope(ex, "tcp serialising an envelope", null));
		}
		return TcpAnswer.respondLine(bytes);
	}

}
