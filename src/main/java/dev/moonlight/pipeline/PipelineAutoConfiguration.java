package dev.moonlight.pipeline;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.dispatch.DispatchAutoConfiguration;
import dev.moonlight.dispatch.Dispatcher;
import dev.moonlight.logging.LoggingAutoConfiguration;
import dev.moonlight.logging.Redactor;
import dev.moonlight.maintenance.MaintenanceAutoConfiguration;
import dev.moonlight.maintenance.MaintenanceMode;
import dev.moonlight.middleware.MiddlewareAutoConfiguration;
import dev.moonlight.middleware.MiddlewareChain;
import dev.moonlight.security.Authenticator;
import dev.moonlight.security.SecurityAutoConfiguration;

/**
 * The {@link CallPipeline} every transport serves its calls through, and the one table
 * that maps failures.
 */
@AutoConfiguration(after = { DispatchAutoConfiguration.class, SecurityAutoConfiguration.class,
		MiddlewareAutoConfiguration.class, MaintenanceAutoConfiguration.class, LoggingAutoConfiguration.class })
public final class PipelineAutoConfiguration {

	/** Failures as envelopes, alike on every transport. */
	@Bean
	ErrorMapper moonlightErrorMapper(MoonlightSettings settings, Redactor redactor) {
		return new ErrorMapper(settings.app().debug(), redactor);
	}

	/**
	 * The {@link RequestListener} beans (access log, metrics), told about every answered
	 * request, frame and line.
	 */
	@Bean
	RequestListeners moonlightRequestListeners(ObjectProvider<RequestListener> listeners) {
		return new RequestListeners(listeners.orderedStream().toList());
	}

	@Bean
	CallPipeline moonlightCallPipeline(MaintenanceMode maintenance, MiddlewareChain middleware,
			Authenticator authenticator, Dispatcher dispatcher, ErrorMapper errors, Redactor redactor,
			RequestListeners listeners) {
		return new CallPipeline(maintenance, middleware, authenticator, dispatcher, errors, redactor, listeners);
	}

}
