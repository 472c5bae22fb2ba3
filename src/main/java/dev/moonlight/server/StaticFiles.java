package dev.moonlight.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.resource.ResourceWebHandler;
import org.springframework.web.server.ServerWebExchange;

import dev.moonlight.web.NettyEarlyHints;
import reactor.core.publisher.Mono;

/**
 * Serves the static folder with Spring's {@link ResourceWebHandler}: conditional requests
 * (ETag, Last-Modified, 304), HEAD, ranges, content types, and Spring's own traversal
 * checks on the raw and decoded path. On top of those: a folder's {@code index.html}
 * answers for the folder ({@code /} included), {@code /api} and below are never served
 * from here, dotfiles are hidden (except {@code .well-known}), RoadRunner's
 * {@code forbid}/{@code allow} extension lists apply, and a file is served only if its
 * real path, symbolic links resolved, is inside the folder.
 */
final class StaticFiles extends ResourceWebHandler {

	static final String INDEX = "index.html";

	private final StaticSection section;

	private StaticFiles(StaticSection section) {
		this.section = section;
		setLocations(List.of(new FileSystemResource(section.dir().toString() + "/")));
		setCacheControl((section.maxAgeSeconds() > 0)
				? CacheControl.maxAge(Duration.ofSeconds(section.maxAgeSeconds())).cachePublic()
				: CacheControl.noCache());
		setUseLastModified(true);
		setEtagGenerator(StaticFiles::etag);
	}

	static StaticFiles of(StaticSection section) {
		StaticFiles files = new StaticFiles(section);
		try {
			files.afterPropertiesSet();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot serve static files from " + section.dir(), ex);
		}
		return files;
	}

	/** A page with early hints sends them first: the file may take a moment to read. */
	@Override
	public Mono<Void> handle(ServerWebExchange exchange) {
		if (!this.section.earlyHints().isEmpty() && exchange.getRequest().getMethod() == HttpMethod.GET) {
			List<String> links = this.section.earlyHints().get(exchange.getRequest().getPath().value());
			if (links != null) {
				NettyEarlyHints.of(exchange).send(links);
			}
		}
		return super.handle(exchange);
	}

	@Override
	protected Mono<Resource> getResource(ServerWebExchange exchange) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		if (path.equals("/api") || path.startsWith("/api/")) {
			return Mono.empty();
		}
		if (path.endsWith("/")) {
			// The path within the /** mapping has lost its trailing slash; a folder
			// answers with its index page.
			PathContainer within = exchange.getRequiredAttribute(HandlerMapping.PATH_WITHIN_HANDLER_MAPPING_ATTRIBUTE);
			String index = within.value().isEmpty() ? INDEX : within.value() + "/" + INDEX;
			exchange.getAttributes()
				.put(HandlerMapping.PATH_WITHIN_HANDLER_MAPPING_ATTRIBUTE, PathContainer.parsePath(index));
		}
		try {
			// A NUL or similar in the decoded path makes Spring's resolver throw; it
			// names no file, so it is a 404.
			return super.getResource(exchange).filter(this::servable)
				.onErrorResume(InvalidPathException.class, (ex) -> Mono.empty());
		}
		catch (InvalidPathException ex) {
			return Mono.empty();
		}
	}

	/**
	 * The last checks, on the file the resolver found: real location, hidden names,
	 * extension lists.
	 */
	private boolean servable(Resource resource) {
		Path real;
		try {
			real = resource.getFile().toPath().toRealPath();
		}
		catch (IOException ex) {
			return false;
		}
		if (!real.startsWith(this.section.dir()) || real.equals(this.section.dir())) {
			return false;
		}
		for (Path segment : this.section.dir().relativize(real)) {
			String name = segment.toString();
			if (name.startsWith(".") && !name.equals(".well-known")) {
				return false;
			}
		}
		String extension = StringUtils.getFilenameExtension(real.getFileName().toString());
		String dotted = (extension != null) ? "." + extension.toLowerCase(Locale.ROOT) : "";
		return !this.section.forbid().contains(dotted)
				&& (this.section.allow().isEmpty() || this.section.allow().contains(dotted));
	}

	/**
	 * A weak validator from modification time and size, as nginx makes it: no file is
	 * read to compute it.
	 */
	private static String etag(Resource resource) {
		try {
			return "W/\"" + Long.toHexString(resource.lastModified()) + "-" + Long.toHexString(resource.contentLength())
					+ "\"";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
