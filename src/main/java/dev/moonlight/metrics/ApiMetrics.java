package dev.moonlight.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.moonlight.dispatch.ActionRegistry;
import dev.moonlight.dispatch.Transport;
import dev.moonlight.middleware.ApiRequest;
import dev.moonlight.pipeline.CompletedRequest;
import dev.moonlight.pipeline.RequestListener;
import dev.moonlight.pool.BoundedWorkerPool;

/**
 * Moonlight's own meters: {@code moonlight_requests_seconds} (a latency histogram per
 * version, service, action and status; other requests count under the route kind) and the
 * worker pool's busy, idle and queued gauges with its executions, rejections (503) and
 * timeouts (504).
 */
final class ApiMetrics implements RequestListener {

	static final String REQUESTS = "moonlight.requests";

	static final int MAX_TIMERS = 2000;

	/** The tag value of a version, service or action that the registry does not know. */
	static final String UNKNOWN = "unknown";

	/**
	 * The histogram's few bucket bounds: Micrometer's percentile histogram has 69 buckets
	 * per series, which across every action and status made the scrape megabytes long.
	 */
	static final Duration[] BUCKETS = { Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100),
			Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(10) };

	/**
	 * Timers already registered, so a request costs one map lookup instead of building
	 * tags and an id.
	 */
	private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

	private final MeterRegistry registry;

	private final ActionRegistry actions;

	ApiMetrics(MeterRegistry registry, BoundedWorkerPool pool, ActionRegistry actions) {
		this.registry = registry;
		this.actions = actions;
		bind(pool);
	}

	@Override
	public void completed(CompletedRequest request) {
		Key key = key(request);
		Timer timer = timers.get(key);
		if (timer == null) {
			// A backstop: the tags are registered names already, but versions times
			// actions times statuses may be many.
			timer = timers.computeIfAbsent((timers.size() < MAX_TIMERS) ? key : key.overflow(), this::timer);
		}
		timer.record(request.durationNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * Names come from clients (a 404 names what was asked for, of any length): only a
	 * registered version, service and action become tag values, anything else is
	 * {@value #UNKNOWN}.
	 */
	private Key key(CompletedRequest request) {
		ApiRequest call = request.call();
		if (call == null || call.service() == null) {
			String version = (call != null && call.version() != null) ? knownVersion(call.version()) : "none";
			return new Key(version, "none", "none", route(request), request.status());
		}
		String version = knownVersion(call.version());
		boolean known = actions.knows(call.version(), call.service(), call.action());
		return new Key(version, known ? call.service() : UNKNOWN, known ? call.action() : UNKNOWN, route(request),
				request.status());
	}

	private String knownVersion(String version) {
		return (version != null && actions.hasVersion(version)) ? version : UNKNOWN;
	}

	private Timer timer(Key key) {
		return Timer.builder(REQUESTS)
			.description("API requests by version, service, action and status")
			.tag("version", key.version())
			.tag("service", key.service())
			.tag("action", key.action())
			.tag("route", key.route())
			.tag("status", Integer.toString(key.status()))
			.serviceLevelObjectives(BUCKETS)
			.register(registry);
	}

	/** The tags of one request timer. */
	private record Key(String version, String service, String action, String route, int status) {

		Key overflow() {
			return new Key("other", "other", "other", route, status);
		}

	}

	/**
	 * Keeps the tag's values few: the kind of route, never the raw path. A WebSocket is
	 * measured apart from the calls, as its "request" lasts as long as the socket stays
	 * open; the calls its frames make are {@code ws}, a TCP server's lines {@code tcp}.
	 */
	private static String route(CompletedRequest request) {
		ApiRequest call = request.call();
		if (call != null && call.transport() != Transport.HTTP) {
			return call.transport().label();
		}
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
			.description("Worker threads in the pool")
			.strongReference(true)
			.register(registry);
		Gauge.builder("moonlight.pool.workers.busy", pool, (p) -> p.stats().busy())
			.description("Workers running an action")
			.register(registry);
		Gauge.builder("moonlight.pool.workers.idle", pool, (p) -> p.stats().idle())
			.description("Workers waiting for a call")
			.register(registry);
		Gauge.builder("moonlight.pool.queued", pool, (p) -> p.stats().queued())
			.description("Calls waiting for a worker")
			.register(registry);
		FunctionCounter.builder("moonlight.pool.executions", pool, (p) -> p.stats().executions())
			.description("Actions run by the pool")
			.register(registry);
		FunctionCounter.builder("moonlight.pool.rejections", pool, (p) -> p.stats().rejections())
			.description("Calls refused with 503: queue full or no worker within allocate_timeout")
			.register(registry);
		FunctionCounter.builder("moonlight.pool.timeouts", pool, (p) -> p.stats().timeouts())
			.description("Actions stopped with 504 after exec_ttl")
			.register(registry);
		Gauge.builder("moonlight.pool.threads", pool, (p) -> p.stats().threads())
			.description("Worker threads running now: fewer than the workers once idle_ttl stopped some")
			.register(registry);
		FunctionCounter.builder("moonlight.pool.recycled", pool, (p) -> p.stats().recycled())
			.description("Worker threads replaced by a fresh one after max_jobs calls or past ttl")
			.register(registry);
	}

}
