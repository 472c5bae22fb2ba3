package dev.moonlight.web;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import io.netty.buffer.ByteBuf;
import reactor.core.publisher.Flux;

/**
 * An API answer ready to be written: the status, every header (content type and length
 * included), the serialised envelope ({@code null} for a 204) or the chunks of a streamed
 * one, and the work that starts once it has been written (or the write failed, as when
 * the client left): how deferred work runs only after the client has its answer.
 */
record ApiAnswer(int status, HttpHeaders headers, byte[] body, Runnable afterWrite, Streamed stream) {

	private static final Runnable NOTHING = () -> {
	};

	/**
	 * An envelope answer; takes ownership of {@code headers}, adding the JSON content
	 * type and the length.
	 */
	static ApiAnswer envelope(int status, HttpHeaders headers, byte[] body) {
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setContentLength(body.length);
		return new ApiAnswer(status, headers, body, NOTHING, null);
	}

	/** A page for a browser; takes ownership of {@code headers}. */
	static ApiAnswer html(int status, HttpHeaders headers, byte[] body) {
		headers.setContentType(MediaType.TEXT_HTML);
		headers.setContentLength(body.length);
		return new ApiAnswer(status, headers, body, NOTHING, null);
	}

	/** An answer without a body, such as {@code 204} to {@code OPTIONS}. */
	static ApiAnswer empty(int status, HttpHeaders headers) {
		return new ApiAnswer(status, headers, null, NOTHING, null);
	}

	/**
	 * A streamed answer, sent chunked (HTTP/1.1) or in data frames (HTTP/2); takes
	 * ownership of {@code headers}, adding the content type.
	 */
	static ApiAnswer streamed(int status, HttpHeaders headers, MediaType type, Streamed stream) {
		headers.setContentType(type);
		headers.remove(HttpHeaders.CONTENT_LENGTH);
		return new ApiAnswer(status, headers, null, NOTHING, stream);
	}

	/** The bytes of the body written so far. */
	long size() {
		return (stream != null) ? stream.written().get() : (body != null) ? body.length : -1;
	}

	/**
	 * This answer with {@code first} before its own headers (CORS's, as WebFlux wrote
	 * them); a header of its own with the same name wins, but {@code Vary} lists both.
	 */
	ApiAnswer withFirst(HttpHeaders first) {
		HttpHeaders all = new HttpHeaders();
		all.putAll(first);
		headers.forEach((name, values) -> {
			if (HttpHeaders.VARY.equalsIgnoreCase(name)) {
				all.addAll(name, values);
			}
			else {
				all.put(name, values);
			}
		});
		return new ApiAnswer(status, all, body, afterWrite, stream);
	}

	/** This answer, also varying by {@code name} (its headers are its own). */
	ApiAnswer varyingBy(String name) {
		headers.add(HttpHeaders.VARY, name);
		return this;
	}

	/**
	 * This answer with {@code task} (in place of any other) to run once it has been
	 * written.
	 */
	ApiAnswer withAfterWrite(Runnable task) {
		return new ApiAnswer(status, headers, body, task, stream);
	}

	/**
	 * The body of a streamed answer.
	 *
	 * @param chunks the body, read once; its first signal decides whether the answer is
	 * sent as it is or, failing before any byte, as {@code early}'s error answer
	 * @param early the whole error answer of a failure before the first chunk
	 * @param discard gives the stream up when it is not read (the client left first)
	 * @param written the bytes of the body sent so far, for the access log
	 */
	record Streamed(Flux<ByteBuf> chunks, Function<Throwable, ApiAnswer> early, Runnable discard, AtomicLong written) {

	}

}
