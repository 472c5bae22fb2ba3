package dev.moonlight.status;

import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.moonlight.database.DatabaseAutoConfiguration;
import dev.moonlight.database.DatabaseAvailability;
import dev.moonlight.maintenance.MaintenanceAutoConfiguration;
import dev.moonlight.maintenance.MaintenanceMode;
import dev.moonlight.pool.BoundedWorkerPool;
import dev.moonlight.pool.HeapWatch;
import dev.moonlight.pool.PoolAutoConfiguration;

/**
 * RoadRunner's status plugin on the HTTP listener: {@code GET /health} answers 200 while
 * the process serves (also while draining, so an orchestrator does not kill a server
 * finishing its requests); {@code GET /ready} answers 200 only when {@link Readiness}
 * passes, else 503 with the failing checks.
 */
@AutoConfiguration(
		after = { PoolAutoConfiguration.class, MaintenanceAutoConfiguration.class, DatabaseAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public final class StatusAutoConfiguration {

	@Bean
	Readiness readiness(BoundedWorkerPool pool, DatabaseAvailability database, MaintenanceMode maintenance,
			ObjectProvider<HeapWatch> heap) {
		return new Readiness(pool, database, maintenance, heap.getIfAvailable());
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	RouterFunction<ServerResponse> moonlightStatusRoutes(Readiness readiness) {
		return RouterFunctions.route()
			.GET("/health",
					(request) -> ServerResponse.ok()
						.contentType(MediaType.APPLICATION_JSON)
						.bodyValue(Map.of("status", readiness.draining() ? "draining" : "up")))
			.GET("/ready", (request) -> readiness.check()
				.flatMap((report) -> ServerResponse.status(report.ready() ? 200 : 503)
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(Map.of("status", report.ready() ? "ready" : "not ready", "checks", report.checks()))))
			.build();
	}

}
