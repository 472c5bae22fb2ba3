package dev.moonlight.pipeline;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.moonlight.database.ConnectionFailures;
import dev.moonlight.database.DatabaseUnavailableException;
import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.MoonlightException;
import dev.moonlight.logging.LogFields;
import dev.moonlight.logging.Redactor;
import tools.jackson.databind.JsonNode;

/**
 * The one place where a failure becomes an envelope. A {@link MoonlightException} keeps
 * its status, message and data; anything else is a 500 whose internals (and the call's
 * parameters, with {@code HIDE_IN_LOGS} keys hidden) are shown only with
 * {@code DEBUG=true}. A failure to get a database connection is a 503 "The database is
 * unavailable." with {@code Retry-After}. Logging goes by class: server errors at error
 * with the stack, 401/403/404 at debug, other client errors at warn in one line. Public
 * (and a bean) so the WebSocket and TCP transports answer failures exactly as HTTP does.
 */
public final class ErrorMapper {

	static final String UNEXPECTED = "An unexpected error occurred.";

	/**
	 * What Reactor Netty's {@code requestTimeout} fails the body with; the class is
	 * package-private there.
	 */
	private static final String REQUEST_TIMEOUT = "reactor.netty.http.server.RequestTimeoutException";

	static final String DATABASE_UNAVAILABLE = "The database is unavailable.";

	static final String SERVER_BUSY = "Server is busy, try again later";

	static final String BODY_TIMEOUT = "The request body did not arrive in time (http.read_timeout).";

	private static final Logger logger = LoggerFactory.getLogger(ErrorMapper.class);

	private static final int TRACE_LINES = 25;

	private final boolean debug;

	private final Redactor redactor;

	public ErrorMapper(boolean debug, Redactor redactor) {
		this.debug = debug;
		this.redactor = redactor;
	}

	/**
	 * @param failure what went wrong
	 * @param label the call, for the log line
	 * @param params the call's parameters, or {@code null}; logged and shown only with
	 * sensitive values hidden
	 */
	public Reply map(Throwable failure, String label, JsonNode params) {
		if (failure instanceof MoonlightException known) {
			log(known, label);
			return new Reply(known.status(), new Envelope(known.status(), known.getMessage(), known.data(), null),
					known.headers());
		}
		if (failure.getClass().getName().equals(REQUEST_TIMEOUT)) {
			// The client stopped sending its body (http.read_timeout): its fault, and
			// Reactor Netty closes the connection; not a server error to page anyone
			// about.
			logger.debug("{} answered 408: the request body did not arrive in time", LogFields.safe(label));
			return new Reply(408, new Envelope(408, BODY_TIMEOUT, null, null), Map.of());
		}
		if (ConnectionFailures.statementTimedOut(failure)) {
			// The statement timeout is set from exec_ttl: the database cancelled the
			// call's query a moment before (or instead of) the pool's own deadline, so it
			// is the same 504.
			logger.warn("{} answered 504: its statement ran past the statement timeout (exec_ttl) and was cancelled",
					LogFields.safe(label));
			return new Reply(504,
					new Envelope(504,
							"The action " + label + " took longer than its statement timeout" + " and was cancelled",
							null, null),
					Map.of());
		}
		if (ConnectionFailures.databaseUnavailable(failure)) {
			// An outage, not a bug: DatabaseAvailability logs it once; one line per call
			// would flood the log.
			logger.debug("{} answered 503: no database connection: {}", LogFields.safe(label),
					LogFields.safe(failure.getMessage()));
			return new Reply(503, new Envelope(503, DATABASE_UNAVAILABLE, null, null),
					Map.of("Retry-After", Long.toString(DatabaseUnavailableException.RETRY_AFTER_SECONDS)));
		}
		if (ConnectionFailures.poolExhausted(failure)) {
			// The database answers but every connection is in use: contention or a leak,
			// worth a line each time.
			logger.warn("{} answered 503: no free database connection in time ({})", LogFields.safe(label),
					LogFields.safe(failure.getMessage()));
			return new Reply(503, new Envelope(503, SERVER_BUSY, null, null), Map.of("Retry-After", "1"));
		}
		JsonNode shown = redactor.redact(params);
		logger.error("{} failed; params {}", LogFields.safe(label), LogFields.safe(shown), failure);
		Envelope envelope = debug
				? new Envelope(500, String.valueOf(failure.getMessage()), internals(failure, shown), null)
				: new Envelope(500, UNEXPECTED, null, null);
		return new Reply(500, envelope, Map.of());
	}

	/**
	 * The envelope of a failure for transports without HTTP headers (WebSocket frames,
	 * TCP lines); its {@code returnCode} is the status HTTP would send.
	 * @param failure what went wrong
	 * @param label the call, for the log line
	 * @param params the call's parameters, or {@code null}
	 */
	public Envelope envelope(Throwable failure, String label, JsonNode params) {
		return map(failure, label, params).envelope();
	}

	private void log(MoonlightException failure, String label) {
		int status = failure.status();
		// Labels and messages may repeat what the client sent (a 404 names the service
		// asked for): escaped, bounded.
		String call = LogFields.safe(label);
		String message = LogFields.safe(failure.getMessage());
		if (status == 401 || status == 403 || status == 404 || failure instanceof QuietFailure) {
			logger.debug("{} answered {}: {}", call, status, message);
		}
		else if (failure.data() != null) {
			// Field errors and similar data may echo what the client sent.
			logger.warn("{} answered {}: {} {}", call, status, message,
					LogFields.safe(redactor.redact(failure.data())));
		}
		else {
			// Known failures (503, 504, ...) are expected outcomes: one line, no stack.
			logger.warn("{} answered {}: {}", call, status, message);
		}
	}

	private static Map<String, Object> internals(Throwable failure, JsonNode params) {
		Map<String, Object> internals = new LinkedHashMap<>();
		internals.put("exception", failure.getClass().getName());
		StackTraceElement[] stack = failure.getStackTrace();
		if (stack.length > 0) {
			internals.put("file", stack[0].getFileName());
			internals.put("line", stack[0].getLineNumber());
		}
		List<String> trace = Arrays.stream(stack).limit(TRACE_LINES).map(StackTraceElement::toString).toList();
		internals.put("trace", trace);
		internals.put("params", params);
		return internals;
	}

}
