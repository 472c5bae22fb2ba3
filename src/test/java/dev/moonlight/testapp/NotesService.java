package dev.moonlight.testapp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.moonlight.dispatch.Action;
import dev.moonlight.dispatch.ActionContext;
import dev.moonlight.dispatch.Caller;
import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.MoonlightService;
import dev.moonlight.dispatch.RequestId;
import dev.moonlight.dispatch.UnauthorizedException;
import dev.moonlight.dispatch.NotFoundException;
import dev.moonlight.dispatch.UploadedFiles;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/** Every action shape the dispatcher supports. */
@MoonlightService("notes")
class NotesService {

	private static final Logger logger = LoggerFactory.getLogger(NotesService.class);

	/** The stages of {@link #parked} calls by key, completed by {@link #release}. */
	private final Map<String, CompletableFuture<String>> parked = new ConcurrentHashMap<>();

	/** What each {@link #parked} call returned: the stage that follows its release. */
	private final Map<String, CompletableFuture<Map<String, String>>> answers = new ConcurrentHashMap<>();

	@Action(message = "Note accepted")
	NoteParams create(NoteParams params) {
		return params;
	}

	@Action
	Map<String, Object> echo(ObjectNode params, @RequestId String requestId, Caller caller, ActionContext context) {
		return Map.of("params", params, "request_id", requestId, "anonymous", !caller.authenticated(), "version",
				context.version(), "service", context.service(), "action", context.action());
	}

	@Action
	Map<String, Object> upload(ObjectNode params, UploadedFiles files) {
		return Map.of("params", params, "files",
				files.all()
					.stream()
					.map((file) -> Map.of("field", file.field(), "filename", file.filename(), "size", file.size(),
							"text", new String(file.content())))
					.toList());
	}

	@Action
	void nothing() {
	}

	@Action
	Envelope business() {
		return Envelope.of(7, "Out of stock", Map.of("sku", "A-1"));
	}

	@Action
	Envelope created() {
		return Envelope.ok("Made", Map.of("id", 1)).withStatus(201);
	}

	@Action
	Mono<Map<String, String>> reactive() {
		return Mono.just(Map.of("thread", Thread.currentThread().getName()));
	}

	/** A reactive action that never answers; exec_ttl must still end it. */
	@Action
	Mono<String> hang() {
		return Mono.never();
	}

	@Action
	Flux<Integer> counting() {
		return Flux.just(1, 2, 3);
	}

	/**
	 * A staged action: it returns at once and answers when {@code release} with the same
	 * {@code key} completes its stage (or fails it, with {@code "fail": true}); its
	 * worker is free meanwhile.
	 */
	@Action
	CompletionStage<Map<String, String>> parked(ObjectNode params) {
		String key = params.path("key").asText();
		CompletableFuture<Map<String, String>> answer = parkedCall(key)
			.thenApply((releasedBy) -> Map.of("released_by", releasedBy));
		answers.put(key, answer);
		return answer;
	}

	/**
	 * Completes a parked call's stage; says what became of the stage that follows it (a
	 * caller's 504 leaves it).
	 */
	@Action
	Map<String, Object> release(ObjectNode params) {
		String key = params.path("key").asText();
		CompletableFuture<String> parkedCall = parkedCall(key);
		if (params.path("fail").asBoolean()) {
			parkedCall.completeExceptionally(new NotFoundException("Released with a failure"));
		}
		else {
			parkedCall.complete(Thread.currentThread().getName());
		}
		CompletableFuture<Map<String, String>> answer = answers.get(key);
		return Map.of("answer", (answer == null) ? "none" : answer.isCancelled() ? "cancelled"
				: answer.isCompletedExceptionally() ? "failed" : answer.isDone() ? "completed" : "waiting");
	}

	private CompletableFuture<String> parkedCall(String key) {
		return parked.computeIfAbsent(key, (k) -> new CompletableFuture<>());
	}

	@Action
	String blockingThread() {
		return Thread.currentThread().getName();
	}

	@Action
	Object listAuth() {
		return List.of("listed");
	}

	/** Logs from the worker, so the request id can be seen in the line. */
	@Action
	String logged() {
		logger.info("noted on {}", Thread.currentThread().getName());
		return "logged";
	}

	@Action
	Object broken() {
		throw new IllegalStateException("secret internals: password=hunter2");
	}

	@Action
	Object refused() {
		throw new UnauthorizedException("You must be authenticated to access this resource");
	}

}
