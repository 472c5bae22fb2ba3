package dev.moonlight.maintenance;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.HtmlUtils;

import dev.moonlight.dispatch.EnvelopeWriter;
import reactor.core.publisher.Mono;

/**
 * Answers every WebFlux request with 503 while maintenance is on: the envelope for API
 * clients, a small page for browsers, with {@code Retry-After}. {@code /health},
 * {@code /ready} and {@code /metrics} stay reachable for load balancers and monitoring; a
 * request with the bypass token ({@link MaintenanceBypass}) goes through. Runs first,
 * before the pages, the docs catalog and the WebSocket handshake, as Pionia's gate does.
 * The decision and the envelope are {@link MaintenanceState}'s, which the call pipeline's
 * first step also asks for API calls (which WebFlux never sees), WebSocket frames and TCP
 * lines.
 */
final class MaintenanceGate implements WebFilter, Ordered {

	static final String BYPASS_HEADER = MaintenanceBypass.HEADER;

	private static final Set<String> ALWAYS_OPEN = Set.of("/health", "/ready", "/metrics");

	private final MaintenanceMode mode;

	private final EnvelopeWriter envelopes;

	MaintenanceGate(MaintenanceMode mode, EnvelopeWriter envelopes) {
		this.mode = mode;
		this.envelopes = envelopes;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		MaintenanceState state = mode.state();
		ServerHttpRequest request = exchange.getRequest();
		if (!state.enabled() || ALWAYS_OPEN.contains(request.getPath().value())
				|| state.admits(MaintenanceBypass.offered(request))) {
			return chain.filter(exchange);
		}
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
		if (state.retryAfterSeconds() >= 0) {
			response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(state.retryAfterSeconds()));
		}
		response.getHeaders().setCacheControl("no-store");
		boolean api = wantsJson(request);
		response.getHeaders().setContentType(api ? MediaType.APPLICATION_JSON : MediaType.TEXT_HTML);
		byte[] body = api ? envelopes.write(state.refusal(false)) : page(state.message());
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	/**
	 * Pionia's rule: {@code ?json}, an {@code /api} path, or an Accept header that
	 * prefers JSON over HTML.
	 */
	static boolean wantsJson(ServerHttpRequest request) {
		if (request.getQueryParams().containsKey("json") || request.getPath().value().startsWith("/api")) {
			return true;
		}
		double jsonQuality = 0;
		double htmlQuality = 0;
		for (MediaType type : request.getHeaders().getAccept()) {
			if (type.isWildcardType() || type.isWildcardSubtype()) {
				continue;
			}
			if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
				jsonQuality = Math.max(jsonQuality, type.getQualityValue());
			}
			else if (type.isCompatibleWith(MediaType.TEXT_HTML)) {
				htmlQuality = Math.max(htmlQuality, type.getQualityValue());
			}
		}
		return jsonQuality > 0 && jsonQuality >= htmlQuality;
	}

	private static byte[] page(String message) {
		String text = HtmlUtils.htmlEscape(message);
		return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Down for maintenance</title>"
				+ "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><style>body{font-family:system-ui,"
				+ "sans-serif;display:grid;place-items:center;min-height:100vh;margin:0;background:#f6f7f9;color:#1d2330}"
				+ "main{max-width:32rem;padding:2rem;text-align:center}h1{font-size:1.5rem}</style></head><body><main>"
				+ "<h1>Down for maintenance</h1><p>" + text + "</p></main></body></html>")
			.getBytes(StandardCharsets.UTF_8);
	}

}
