package dev.moonlight.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationPredicate;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.moonlight.config.ConditionalOnRrValue;
import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.database.DatabaseAutoConfiguration;
import dev.moonlight.database.GroupCommit;
import dev.moonlight.dispatch.ActionRegistry;
import dev.moonlight.dispatch.DispatchAutoConfiguration;
import dev.moonlight.pool.BoundedWorkerPool;
import dev.moonlight.pool.PoolAutoConfiguration;
import dev.moonlight.server.SharedPort;
import dev.moonlight.server.SideListener;

/**
 * RoadRunner's metrics plugin: {@code GET /metrics} in Prometheus text format from
 * Micrometer's Prometheus registry (which Boot also fills with JVM, process and HikariCP
 * meters), plus Moonlight's request, pool and group commit meters. It answers on the
 * API's port, and with {@code metrics.address} on a listener of its own as well.
 */
@AutoConfiguration(after = { PrometheusMetricsExportAutoConfiguration.class, PoolAutoConfiguration.class,
		DispatchAutoConfiguration.class, DatabaseAutoConfiguration.class })
@ConditionalOnClass(PrometheusMeterRegistry.class)
@ConditionalOnBean(PrometheusMeterRegistry.class)
public final class MetricsAutoConfiguration {

	/** RoadRunner's key for the metrics listener. */
	static final String ADDRESS = "metrics.address";

	private static final MediaType PROMETHEUS_TEXT = MediaType.parseMediaType("text/plain;version=0.0.4;charset=utf-8");

	/**
	 * Turns off Boot's {@code http.server.requests} observation:
	 * {@code moonlight_requests} already times every request with the tags that matter
	 * here (version, service, action), and a second timer per request is overhead.
	 */
	@Bean
	ObservationPredicate moonlightSkipsHttpServerObservations() {
		return (name, context) -> !"http.server.requests".equals(name);
	}

	@Bean
	ApiMetrics moonlightApiMetrics(PrometheusMeterRegistry registry, BoundedWorkerPool pool, ActionRegistry actions) {
		return new ApiMetrics(registry, pool, actions);
	}

	/** How well writes share commits: writes over commits is the batch size achieved. */
	@Bean
	@ConditionalOnBean(GroupCommit.class)
	MeterBinder moonlightGroupCommitMeters(GroupCommit commits) {
		return (registry) -> {
			FunctionCounter.builder("moonlight.group.commit.commits", commits, (c) -> c.stats().commits())
				.description("Commits made by the group commit's writer")
				.register(registry);
			FunctionCounter.builder("moonlight.group.commit.writes", commits, (c) -> c.stats().writes())
				.description("Writes those commits stored")
				.register(registry);
			Gauge.builder("moonlight.group.commit.waiting", commits, (c) -> c.stats().waiting())
				.description("Writes queued for the next commit")
				.register(registry);
		};
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	RouterFunction<ServerResponse> moonlightMetricsRoute(PrometheusMeterRegistry registry) {
		return routes(registry);
	}

	/**
	 * {@code metrics.address}: {@code /metrics} on a listener of its own too, as
	 * RoadRunner serves it.
	 */
	@Bean
	@ConditionalOnRrValue(ADDRESS)
	SideListener moonlightMetricsListener(PrometheusMeterRegistry registry, MoonlightSettings settings) {
		return new SideListener("metrics", settings.files().rr().get(ADDRESS).orElseThrow(), routes(registry),
				SharedPort.ofEnvironment());
	}

	private static RouterFunction<ServerResponse> routes(PrometheusMeterRegistry registry) {
		return RouterFunctions.route()
			.GET("/metrics", (request) -> ServerResponse.ok().contentType(PROMETHEUS_TEXT).bodyValue(registry.scrape()))
			.build();
	}

}
