package dev.moonlight.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.moonlight.middleware.ApiRequest;
import dev.moonlight.pool.BoundedWorkerPool;
import dev.moonlight.web.CompletedRequest;
import dev.moonlight.web.RequestListener;

/**
 * Moonlight's own meters: {@code moonlight_requests_seconds} (a latency histogram per version, service, action and
 * status; other requests count under the route kind) and the worker pool's busy, idle and queued gauges with its
 * executions, rejections (503) and timeouts (504).
 */
final class ApiMetrics implements RequestListener {

	static final String REQUESTS = "moonlight.requests";

	private final MeterRegistry registry;

	ApiMetrics(MeterRegistry registry, BoundedWorkerPool pool) {
		this.registry = registry;
		bind(pool);
	}

	@Override
	public void completed(CompletedRequest request) {
		ApiRequest call = request.call();
		boolean api = call != null && call.service() != null;
		Timer.builder(REQUESTS)
			.description("API requests by version, service, action and status")
			.tag("version", (call != null && call.version() != null) ? call.version() : "none")
			.tag("service", api ? call.service() : "none")
			.tag("action", api ? call.action() : "none")
			.tag("route", route(request))
			.tag("status", Integer.toString(request.status()))
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(30))
			.register(registry)
			.record(request.durationNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * Keeps the tag's values few: the kind of route, never the raw path. A WebSocket is measured apart from the calls,
	 * as its "request" lasts as long as the socket stays open.
	 */
	private static String route(CompletedRequest request) {
		String path = request.path();
		if (path.startsWith("/api")) {
			return (path.endsWith("/ws") || path.endsWith("/ws/")) ? "websocket" : "api";
		}
		return switch (path) {
			case "/health", "/ready", "/metrics" -> path.substring(1);
			default -> "other";
		};
	}

	private void bind(BoundedWorkerPool pool) {
		Gauge.builder("moonlight.pool.workers", pool, (p) -> p.stats().workers())
			.description("Worker threads in the pool").strongReference(true).register(registry);
		Gauge.builder("moonlight.pool.workers.busy", pool, (p) -> p.stats().busy())
			.description("Workers running an action").register(registry);
		Gauge.builder("moonlight.pool.workers.idle", pool, (p) -> p.stats().idle())
			.description("Workers waiting for a call").register(registry);
		Gauge.builder("moonlight.pool.queued", pool, (p) -> p.stats().queued())
			.description("Calls waiting for a worker").register(registry);
		FunctionCounter.builder("moonlight.pool.executions", pool, (p) -> p.stats().executions())
			.description("Actions run by the pool").register(registry);
		FunctionCounter.builder("moonlight.pool.rejections", pool, (p) -> p.stats().rejections())
			.description("Calls refused with 503: queue full or no worker within allocate_timeout").register(registry);
		FunctionCounter.builder("moonlight.pool.timeouts", pool, (p) -> p.stats().timeouts())
			.description("Actions stopped with 504 after exec_ttl").register(registry);
	}

}
