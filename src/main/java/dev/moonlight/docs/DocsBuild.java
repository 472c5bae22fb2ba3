package dev.moonlight.docs;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.moonlight.dispatch.MoonlightException;
import reactor.core.publisher.Mono;

/**
 * The docs handler, built on a thread of its own when the first docs request comes. The
 * catalog reads every action's parameters and constraints, and the page and the OpenAPI
 * document are rendered from it: about a tenth of a second of CPU, which a boot on two
 * cores would take from its first requests, for pages most servers rarely show. The
 * requests that come while it is built wait for it without holding their event loop; they
 * go on from the build's thread when it is done.
 */
final class DocsBuild {

	static final String FAILED = "API docs are not available: building them failed (the server's log says why).";

	/** A build on a cold JVM takes a fraction of a second; far longer means stuck. */
	static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final Logger logger = LoggerFactory.getLogger(DocsBuild.class);

	private final Supplier<DocsHandler> build;

	private final AtomicBoolean started = new AtomicBoolean();

	private final CompletableFuture<DocsHandler> handler = new CompletableFuture<>();

	/**
	 * One subscriber giving up on it does not cancel the build for the others. The
	 * failure is mapped before WebFlux's checkpoints see it, so they record nothing on
	 * the shared cause; each request gets an {@link Unavailable} of its own. A build
	 * still running after {@link #PATIENCE} is taken as stuck: the request answers 500
	 * and the build goes on for the next one.
	 */
	private final Mono<DocsHandler> built = Mono.fromFuture(this.handler, true)
		.timeout(PATIENCE)
		.onErrorMap(Unavailable::new);

	DocsBuild(Supplier<DocsHandler> build) {
		this.build = build;
	}

	/** The handler, once built. */
	Mono<DocsHandler> handler() {
		if (this.started.compareAndSet(false, true)) {
			try {
				Thread thread = new Thread(this::run, "moonlight-docs-build");
				thread.setDaemon(true);
				thread.start();
			}
			catch (Throwable ex) {
				// No thread (the JVM's limit, say): this request and the later ones get
				// the 500, and the server goes on.
				fail(ex);
			}
		}
		return this.built;
	}

	private void run() {
		try {
			this.handler.complete(Objects.requireNonNull(this.build.get(), "the docs build made no handler"));
		}
		catch (Throwable ex) {
			// Whatever it was, the waiting requests must be answered.
			fail(ex);
			if (ex instanceof VirtualMachineError fatal) {
				throw fatal;
			}
		}
	}

	/** Answers the waiting requests first: logging may fail too (out of memory). */
	private void fail(Throwable ex) {
		this.handler.completeExceptionally(ex);
		logger.error("The API docs could not be built; /docs, /docs/openapi.json and /api/{v}/__catalog"
				+ " answer 500 until the next boot", ex);
	}

	/** The 500 each docs request gets after a failed build; the log has the stack. */
	static final class Unavailable extends MoonlightException {

		private final transient Throwable reason;

		Unavailable(Throwable reason) {
			super(500, FAILED);
			this.reason = reason;
		}

		/** Why the build failed, or that it was cancelled. */
		Throwable reason() {
			return this.reason;
		}

	}

}
