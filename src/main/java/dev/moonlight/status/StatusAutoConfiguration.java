package dev.moonlight.status;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.moonlight.config.ConditionalOnRrValue;
import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.database.DatabaseAutoConfiguration;
import dev.moonlight.database.DatabaseAvailability;
import dev.moonlight.maintenance.MaintenanceAutoConfiguration;
import dev.moonlight.maintenance.MaintenanceMode;
import dev.moonlight.pool.BoundedWorkerPool;
import dev.moonlight.pool.HeapWatch;
import dev.moonlight.pool.PoolAutoConfiguration;
import dev.moonlight.server.SharedPort;
import dev.moonlight.server.SideListener;

/**
 * RoadRunner's status plugin on the HTTP listener: {@code GET /health} answers 200 while
 * the process serves (also while draining, so an orchestrator does not kill a server
 * finishing its requests); {@code GET /ready} answers 200 only when {@link Readiness}
 * passes, else 503 ({@code status.unavailable_status_code}) with the failing checks. With
 * {@code status.address} they also answer on a listener of their own; RoadRunner's
 * {@code ?plugin=http} form is understood on both ({@link StatusRoutes}).
 */
@AutoConfiguration(
		after = { PoolAutoConfiguration.class, MaintenanceAutoConfiguration.class, DatabaseAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public final class StatusAutoConfiguration {

	@Bean
	Readiness readiness(BoundedWorkerPool pool, DatabaseAvailability database, MaintenanceMode maintenance,
			ObjectProvider<HeapWatch> heap, ObjectProvider<ReadinessCheck> checks, MoonlightSettings settings) {
		return new Readiness(pool, database, maintenance, heap.getIfAvailable(), checks.orderedStream().toList(),
				StatusSection.read(settings.files().rr()).unreadyDelay());
	}

	@Bean
	StatusRoutes moonlightStatus(Readiness readiness, MoonlightSettings settings) {
		return new StatusRoutes(readiness, StatusSection.read(settings.files().rr()).unavailableStatusCode());
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	RouterFunction<ServerResponse> moonlightStatusRoutes(StatusRoutes status) {
		return status.routes();
	}

	/**
	 * {@code status.address}: the same routes on a listener of their own, as RoadRunner
	 * serves them.
	 */
	@Bean
	@ConditionalOnRrValue("status.address")
	SideListener moonlightStatusListener(StatusRoutes status, MoonlightSettings settings) {
		return new SideListener("status", StatusSection.read(settings.files().rr()).address().orElseThrow(),
				status.routes(), SharedPort.ofEnvironment());
	}

}
