package dev.moonlight.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

	static final int MAX_TIMERS = 2000;

	/** Timers already registered, so a request costs one map lookup instead of building tags and an id. */
	private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

	private final MeterRegistry registry;

	ApiMetrics(MeterRegistry registry, BoundedWorkerPool pool) {
		this.registry = registry;
		bind(pool);
	}

	@Override
	public void completed(CompletedRequest request) {
		ApiRequest call = request.call();
		boolean api = call != null && call.service() != null;
		Key key = new Key((call != null && call.version() != null) ? call.version() : "none",
				api ? call.service() : "none", api ? call.action() : "none", route(request), request.status());
		Timer timer = timers.get(key);
		if (timer == null) {
			// Service and action names come from clients (a 404 names what was asked for): cap what they can create.
			timer = timers.computeIfAbsent((timers.size() < MAX_TIMERS) ? key : key.overflow(), this::timer);
		}
		timer.record(request.durationNanos(), TimeUnit.NANOSECONDS);
	}

	private Timer timer(Key key) {
		return Timer.builder(REQUESTS)
			.description("API requests by version, service, action and status")
			.tag("version", key.version())
			.tag("service", key.service())
			.tag("action", key.action())
			.tag("route", key.route())
			.tag("status", Integer.toString(key.status()))
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(30))
			.register(registry);
	}

	/** The tags of one request timer. */
	private record Key(String version, String service, String action, String route, int status) {

		Key overflow() {
			return new Key("other", "other", "other", route, status);
		}

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
