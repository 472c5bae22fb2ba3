package dev.moonlight.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.MoonlightException;

/**
 * The one place where a failure becomes an envelope. A {@link MoonlightException} keeps its status, message and
 * data; anything else is a 500 whose internals are shown only with {@code DEBUG=true}. Logging goes by class:
 * server errors at error with the stack, 401/403/404 at debug, other client errors at warn in one line.
 */
final class ErrorMapper {

	static final String UNEXPECTED = "An unexpected error occurred.";

	private static final Logger logger = LoggerFactory.getLogger(ErrorMapper.class);

	private static final int TRACE_LINES = 25;

	private final boolean debug;

	ErrorMapper(boolean debug) {
		this.debug = debug;
	}

	Reply map(Throwable failure, String label) {
		if (failure instanceof MoonlightException known) {
			log(known, label);
			return new Reply(known.status(), new Envelope(known.status(), known.getMessage(), known.data(), null),
					known.headers());
		}
		logger.error("{} failed", label, failure);
		Envelope envelope = debug ? new Envelope(500, String.valueOf(failure.getMessage()), internals(failure), null)
				: new Envelope(500, UNEXPECTED, null, null);
		return new Reply(500, envelope, Map.of());
	}

	private static void log(MoonlightException failure, String label) {
		int status = failure.status();
		if (status == 401 || status == 403 || status == 404) {
			logger.debug("{} answered {}: {}", label, status, failure.getMessage());
		}
		else {
			// Known failures (422, 503, 504, ...) are expected outcomes: one line, no stack.
			logger.warn("{} answered {}: {}", label, status, failure.getMessage());
		}
	}

	private static Map<String, Object> internals(Throwable failure) {
		Map<String, Object> internals = new LinkedHashMap<>();
		internals.put("exception", failure.getClass().getName());
		StackTraceElement[] stack = failure.getStackTrace();
		if (stack.length > 0) {
			internals.put("file", stack[0].getFileName());
			internals.put("line", stack[0].getLineNumber());
		}
		List<String> trace = Arrays.stream(stack).limit(TRACE_LINES).map(StackTraceElement::toString).toList();
		internals.put("trace", trace);
		return internals;
	}

}
