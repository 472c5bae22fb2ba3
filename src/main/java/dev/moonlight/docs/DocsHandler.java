package dev.moonlight.docs;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.EnvelopeWriter;
import dev.moonlight.web.NettyEarlyHints;
import dev.moonlight.web.PageHeaders;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves {@code GET /docs} (with its script, named in a {@code 103 Early Hints}),
 * {@code GET /docs/openapi.json} and {@code GET /api/{v}/__catalog} behind the
 * {@link DocsGate}. Everything it sends is rendered once, when it is built
 * ({@link DocsBuild}); a request only picks the bytes. It claims only the catalogs of
 * known versions from the API's route; any other {@code /api} path (another method, an
 * unknown version) is the API's, answered as usual.
 */
final class DocsHandler {

	static final String PAGE_PATH = "/docs";

	static final String OPENAPI_PATH = "/docs/openapi.json";

	/** Where the page's script is, named by its content's hash ({@link DocsPage}). */
	static final String SCRIPT_PREFIX = PAGE_PATH + "/page-";

	private static final String CATALOG_SUFFIX = "/__catalog";

	static final String NOT_AVAILABLE = "API docs are not available.";

	static final String DENIED = "Docs access denied";

	private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

	private static final MediaType JAVASCRIPT = new MediaType("text", "javascript", StandardCharsets.UTF_8);

	/**
	 * The policy of every answer but the page: nothing in it may run, load or be framed.
	 */
	private static final String NOTHING_RUNS = "default-src 'none'; frame-ancestors 'none'";

	private final DocsGate gate;

	/** The catalog, or {@code null} while the docs are off: nothing reads it then. */
	private final ApiCatalog catalog;

	/**
	 * The action table's versions, which are the catalog's: routing a catalog path needs
	 * no catalog, so docs that are off never build one.
	 */
	private final Predicate<String> knownVersion;

	private final EnvelopeWriter envelopes;

	private final byte[] page;

	private final String pagePolicy;

	/** The page's script and its hint, or {@code null} while the docs are off. */
	private final DocsPage rendered;

	private final byte[] openApi;

	/**
	 * {@code catalogSource} is asked only when the docs are on: a production server with
	 * the docs off answers its 404s without reading the action table's parameters.
	 */
	DocsHandler(DocsGate gate, Supplier<ApiCatalog> catalogSource, Predicate<String> knownVersion, JsonMapper mapper,
			String title) {
		this.gate = gate;
		this.knownVersion = knownVersion;
		this.envelopes = new EnvelopeWriter(mapper.writer());
		// One decision: everything rendered from the catalog exists exactly when it does.
		this.catalog = gate.enabled() ? catalogSource.get() : null;
		DocsPage rendered = (catalog != null) ? DocsPage.render(title, mapper.writeValueAsString(catalog.versions()))
				: null;
		this.page = (rendered != null) ? rendered.html().getBytes(StandardCharsets.UTF_8) : null;
		this.pagePolicy = (rendered != null) ? rendered.contentSecurityPolicy() : NOTHING_RUNS;
		this.rendered = rendered;
		this.openApi = (catalog != null) ? mapper.writeValueAsBytes(OpenApiDocument.build(mapper, catalog, title))
				: null;
	}

	/**
	 * Whether the request is for a known version's catalog, which the API's own route
	 * leaves to WebFlux.
	 */
	static boolean claims(HttpMethod method, String path, Predicate<String> knownVersion) {
		// Asked on every API call: most are POSTs, and the rest rarely name the catalog.
		if ((method != HttpMethod.GET && method != HttpMethod.HEAD) || !path.contains(CATALOG_SUFFIX)) {
			return false;
		}
		String version = catalogVersion(trimSlash(path));
		return version != null && knownVersion.test(version);
	}

	/**
	 * Whether {@link #route} may have a handler for the request: only these wait for the
	 * build (or fail with it); anything else goes on to the next route at once.
	 */
	static boolean isDocsRequest(HttpMethod method, String path) {
		if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
			return false;
		}
		String trimmed = trimSlash(path);
		return trimmed.equals(PAGE_PATH) || trimmed.equals(OPENAPI_PATH)
				|| (trimmed.startsWith(SCRIPT_PREFIX) && trimmed.endsWith(".js")) || catalogVersion(trimmed) != null;
	}

	/** The handler of a docs path, or {@code null} for any other request. */
	HandlerFunction<ServerResponse> route(ServerRequest request) {
		HttpMethod method = request.method();
		if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
			return null;
		}
		String path = trimSlash(request.path());
		if (path.equals(PAGE_PATH)) {
			return this::page;
		}
		if (path.equals(OPENAPI_PATH)) {
			return this::openApi;
		}
		if (rendered != null && path.equals(rendered.scriptPath())) {
			return this::script;
		}
		String version = catalogVersion(path);
		if (version != null && knownVersion.test(version)) {
			return (gated) -> catalog(gated, version);
		}
		return null;
	}

	private Mono<ServerResponse> page(ServerRequest request) {
		return switch (gate.check(request)) {
			case OPEN -> {
				NettyEarlyHints.forNavigation(request.exchange()).send(List.of(rendered.preload()));
				yield html(200, page, pagePolicy);
			}
			case NOT_FOUND -> html(404, message(NOT_AVAILABLE), NOTHING_RUNS);
			case DENIED -> html(401, message(DENIED), NOTHING_RUNS);
		};
	}

	/**
	 * The page's script, to anyone while the docs are on: it is the same for every caller
	 * and holds no catalog, and the browser fetches it without the page's token.
	 */
	private Mono<ServerResponse> script(ServerRequest request) {
		return guarded(ServerResponse.ok(), NOTHING_RUNS).contentType(JAVASCRIPT)
			.header("Cache-Control", "public, max-age=31536000, immutable")
			.bodyValue(rendered.script());
	}

	private Mono<ServerResponse> openApi(ServerRequest request) {
		return switch (gate.check(request)) {
			case OPEN ->
				guarded(ServerResponse.ok(), NOTHING_RUNS).contentType(MediaType.APPLICATION_JSON).bodyValue(openApi);
			case NOT_FOUND -> envelope(404, "Not found", null);
			case DENIED -> envelope(401, DENIED, null);
		};
	}

	private Mono<ServerResponse> catalog(ServerRequest request, String version) {
		return switch (gate.check(request)) {
			case OPEN -> envelope(0, "API catalog " + version, catalog.version(version).orElseThrow());
			case NOT_FOUND -> envelope(404, "Not found", null);
			case DENIED -> envelope(401, DENIED, null);
		};
	}

	private Mono<ServerResponse> envelope(int code, String message, Object data) {
		byte[] body = envelopes.write(new Envelope(code, message, data, null));
		return guarded(ServerResponse.status((code == 0) ? 200 : code), NOTHING_RUNS)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body);
	}

	private static Mono<ServerResponse> html(int status, byte[] body, String policy) {
		return guarded(ServerResponse.status(status), policy).contentType(HTML).bodyValue(body);
	}

	/**
	 * The headers of every docs answer: the page holds a token, so it is never framed
	 * (clickjacking), never sniffed as another type, and never names its address (with a
	 * {@code ?token=}) to the sites it links to.
	 */
	private static ServerResponse.BodyBuilder guarded(ServerResponse.BodyBuilder response, String policy) {
		return response.headers((headers) -> PageHeaders.guard(headers, policy));
	}

	private static byte[] message(String text) {
		return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + text + "</title></head>"
				+ "<body><p>" + text + "</p></body></html>")
			.getBytes(StandardCharsets.UTF_8);
	}

	/** {@code /api/v1/__catalog} → {@code v1}; anything else → {@code null}. */
	private static String catalogVersion(String path) {
		String prefix = "/api/";
		String suffix = CATALOG_SUFFIX;
		if (!path.startsWith(prefix) || !path.endsWith(suffix)) {
			return null;
		}
		String version = path.substring(prefix.length(), path.length() - suffix.length());
		return (version.isEmpty() || version.contains("/")) ? null : version;
	}

	private static String trimSlash(String path) {
		return (path.length() > 1 && path.endsWith("/")) ? path.substring(0, path.length() - 1) : path;
	}

}
