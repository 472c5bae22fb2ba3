package dev.moonlight.web;

/**
 * Told about every HTTP request once its response is written. Called on the event loop: record and return, never
 * block (hand slow work such as writing to a file to another thread).
 */
@FunctionalInterface
public interface RequestListener {

	void completed(CompletedRequest request);

}
