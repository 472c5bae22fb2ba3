package dev.moonlight.web;

import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.EnvelopeWriter;
import dev.moonlight.middleware.ApiResponse;
import dev.moonlight.pipeline.Call;
import dev.moonlight.pipeline.CallPipeline;
import dev.moonlight.pipeline.Reply;

/**
 * Turns the pipeline's answer into HTTP bytes: the envelope serialised once into the
 * body, with its length and content type. Every API answer, errors included, goes through
 * here.
 */
final class Responder {

	private final EnvelopeWriter writer;

	private final CallPipeline pipeline;

	Responder(EnvelopeWriter writer, CallPipeline pipeline) {
		this.writer = writer;
		this.pipeline = pipeline;
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
		try {
			return ApiAnswer.envelope(response.status(), response.headers(), writer.write(envelope));
		}
		catch (RuntimeException ex) {
			Reply failed = pipeline.mapped(call, ex, "serialising the envelope of " + call.label());
			return ApiAnswer.envelope(failed.status(), response.headers(), writer.write(failed.envelope()));
		}
	}

}
