package dev.moonlight.web;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.ResultStream;
import dev.moonlight.dispatch.EnvelopeWriter;
import dev.moonlight.middleware.ApiResponse;
import dev.moonlight.pipeline.Call;
import dev.moonlight.pipeline.CallPipeline;
import dev.moonlight.pipeline.Reply;
import io.netty.buffer.ByteBuf;
import reactor.core.publisher.Flux;

/**
 * Turns the pipeline's answer into HTTP bytes: the envelope serialised once into the
 * body, with its length and content type, or a streamed one into chunks
 * ({@link StreamBody}). Every API answer, errors included, goes through here.
 */
final class Responder {

	private final EnvelopeWriter writer;

	private final CallPipeline pipeline;

	private final StreamBody streams;

	Responder(EnvelopeWriter writer, CallPipeline pipeline, int chunkSize) {
		this.writer = writer;
		this.pipeline = pipeline;
		this.streams = new StreamBody(writer, chunkSize);
	}

	/**
	 * An outcome the pipeline did not run (ping, the overview), after the response
	 * middleware.
	 * @param serialised the envelope already written as bytes (the pong), used unless
	 * middleware replaces it
	 */
	ApiAnswer respond(Call call, Reply reply, byte[] serialised) {
		ApiResponse response = pipeline.respond(call, reply);
		if (serialised != null && response.envelope() == reply.envelope()) {
			return ApiAnswer.envelope(response.status(), response.headers(), serialised);
		}
		return answer(call, response);
	}

	ApiAnswer failure(Call call, Throwable failure) {
		return answer(call, pipeline.failure(call, failure));
	}

	/**
	 * The answer as bytes; an envelope that cannot be serialised becomes the 500 (or
	 * other) of that failure.
	 */
	ApiAnswer answer(Call call, ApiResponse response) {
		Envelope envelope = response.envelope();
		ResultStream stream = ResultStream.in(envelope);
		if (stream != null) {
			return streamed(call, response, stream);
		}
		try {
			return ApiAnswer.envelope(response.status(), response.headers(), writer.write(envelope));
		}
		catch (RuntimeException ex) {
			Reply failed = pipeline.mapped(call, ex, "serialising the envelope of " + call.label());
			return ApiAnswer.envelope(failed.status(), response.headers(), writer.write(failed.envelope()));
		}
	}

	/**
	 * A streamed envelope, as NDJSON when the client accepts it. A failure before the
	 * first chunk is still answered whole, with its status; one after it is logged here
	 * and reported as the shape allows.
	 */
	private ApiAnswer streamed(Call call, ApiResponse response, ResultStream stream) {
		Envelope envelope = response.envelope();
		String label = call.label() + " (streaming)";
		AtomicLong written = new AtomicLong();
		Function<Throwable, ApiAnswer> early = (ex) -> {
			Reply failed = pipeline.mapped(call, ex, label);
			HttpHeaders headers = new HttpHeaders();
			headers.putAll(response.headers());
			return ApiAnswer.envelope(failed.status(), headers, writer.write(failed.envelope()));
		};
		if (StreamBody.wantsLines(call.headers())) {
			Flux<ByteBuf> lines = streams.lines(envelope, stream, (ex) -> pipeline.mapped(call, ex, label).envelope(),
					written);
			return ApiAnswer.streamed(response.status(), response.headers(), StreamBody.NDJSON,
					new ApiAnswer.Streamed(lines, early, stream::discard, written));
		}
		Flux<ByteBuf> chunks = streams.envelope(envelope, stream, (ex) -> {
			if (written.get() > 0) {
				pipeline.mapped(call, ex, label + ", aborted after " + written.get() + " bytes");
			}
		}, written);
		return ApiAnswer.streamed(response.status(), response.headers(), MediaType.APPLICATION_JSON,
				new ApiAnswer.Streamed(chunks, early, stream::discard, written));
	}

}
