package dev.moonlight.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;

/**
 * {@code GET /health} and {@code GET /ready}, the same on the API's port and on
 * {@code status.address}. Without a query they answer Moonlight's object
 * ({@code {"status":"up"}}, the failing checks of {@code /ready}); with RoadRunner's
 * {@code ?plugin=http} (repeatable) they answer RoadRunner's list, one
 * {@code {plugin_name, error_message, status_code}} a plugin, with the worst status.
 * {@code http} is the only plugin reported; any other name is 404 in its entry.
 */
final class StatusRoutes {

	static final String HTTP_PLUGIN = "http";

	private final Readiness readiness;

	private final int unavailable;

	StatusRoutes(Readiness readiness, int unavailable) {
		this.readiness = readiness;
		this.unavailable = unavailable;
	}

	RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route().GET("/health", this::health).GET("/ready", this::ready).build();
	}

	private Mono<ServerResponse> health(ServerRequest request) {
		List<String> plugins = request.queryParams().getOrDefault("plugin", List.of());
		if (!plugins.isEmpty()) {
			// Alive while the process serves, draining included: RoadRunner's
			// health is "a worker is active".
			return plugins(plugins, 200, "");
		}
		return json(200, Map.of("status", this.readiness.draining() ? "draining" : "up"));
	}

	private Mono<ServerResponse> ready(ServerRequest request) {
		List<String> plugins = request.queryParams().getOrDefault("plugin", List.of());
		return this.readiness.check().flatMap((report) -> {
			int status = report.ready() ? 200 : this.unavailable;
			if (!plugins.isEmpty()) {
				return plugins(plugins, status, report.ready() ? "" : failing(report));
			}
			return json(status, Map.of("status", report.ready() ? "ready" : "not ready", "checks", report.checks()));
		});
	}

	private Mono<ServerResponse> plugins(List<String> names, int httpStatus, String httpError) {
		List<Map<String, Object>> entries = new ArrayList<>();
		int worst = 200;
		for (String name : names) {
			boolean known = HTTP_PLUGIN.equals(name);
			int status = known ? httpStatus : 404;
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("plugin_name", name);
			entry.put("error_message", known ? httpError : "plugin not found; only http is reported");
			entry.put("status_code", status);
			entries.add(entry);
			worst = Math.max(worst, status);
		}
		return json(worst, entries);
	}

	private static String failing(Readiness.Report report) {
		StringBuilder text = new StringBuilder();
		report.checks().forEach((name, state) -> {
			if (!"ok".equals(state)) {
				text.append((text.length() > 0) ? "; " : "").append(name).append(": ").append(state);
			}
		});
		return text.toString();
	}

	private static Mono<ServerResponse> json(int status, Object body) {
		return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}

}
