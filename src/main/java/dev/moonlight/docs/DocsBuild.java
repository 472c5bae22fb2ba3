package dev.moonlight.docs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

/**
 * The docs handler, built on a thread of its own when the first docs request comes. The
 * catalog reads every action's parameters and constraints, and the page and the OpenAPI
 * document are rendered from it: about a tenth of a second of CPU, which a boot on two
 * cores would take from its first requests, for pages most servers rarely show. The
 * requests that come while it is built wait for it without holding their event loop.
 */
final class DocsBuild {

	private static final Logger logger = LoggerFactory.getLogger(DocsBuild.class);

	private final Supplier<DocsHandler> build;

	private final AtomicBoolean started = new AtomicBoolean();

	private final CompletableFuture<DocsHandler> handler = new CompletableFuture<>();

	/** One subscriber giving up on it does not cancel the build for the others. */
	private final Mono<DocsHandler> built = Mono.fromFuture(this.handler, true);

	DocsBuild(Supplier<DocsHandler> build) {
		this.build = build;
	}

	/** The handler, once built; a build that failed fails every docs request. */
	Mono<DocsHandler> handler() {
		if (this.started.compareAndSet(false, true)) {
			Thread thread = new Thread(this::run, "moonlight-docs-build");
			thread.setDaemon(true);
			thread.start();
		}
		return this.built;
	}

	private void run() {
		try {
			this.handler.complete(this.build.get());
		}
		catch (RuntimeException | LinkageError ex) {
			logger.error("The API docs could not be built; /docs, /docs/openapi.json and /api/{v}/__catalog"
					+ " answer 500 until the next boot", ex);
			this.handler.completeExceptionally(ex);
		}
	}

}
