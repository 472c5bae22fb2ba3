package dev.moonlight.pipeline;

/**
 * Told about every HTTP request, WebSocket frame call and TCP line once its answer is
 * written. Called on a server thread (an event loop, or the worker that finished the
 * call): record and return, never block (hand slow work such as writing to a file to
 * another thread).
 */
@FunctionalInterface
public interface RequestListener {

	void completed(CompletedRequest request);

}
