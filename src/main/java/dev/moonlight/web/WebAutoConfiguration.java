package dev.moonlight.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.dispatch.DispatchAutoConfiguration;
import dev.moonlight.dispatch.Dispatcher;
import dev.moonlight.dispatch.MoonlightJson;
import dev.moonlight.security.Authenticator;
import dev.moonlight.security.SecurityAutoConfiguration;

/**
 * Mounts the envelope API on {@code /api} and {@code /api/**} of the WebFlux server. WebFlux asks the
 * {@code RouterFunction} beans in their {@code @Order}; this one takes every {@code /api} path, so a framework route
 * under {@code /api} (the docs catalog) must be ordered before {@link #API_ROUTES_ORDER}.
 */
@AutoConfiguration(after = { DispatchAutoConfiguration.class, SecurityAutoConfiguration.class })
public final class WebAutoConfiguration {

	/** The order of the {@code /api/**} router; routes that share its paths need a smaller number. */
	public static final int API_ROUTES_ORDER = 0;

	@Bean
	ApiOptions apiOptions(MoonlightSettings settings) {
		return new ApiOptions(settings.app().name(), settings.app().debug(), settings.http().maxRequestSizeBytes());
	}

	@Bean
	@Order(API_ROUTES_ORDER)
	RouterFunction<ServerResponse> moonlightApiRoutes(Dispatcher dispatcher, Authenticator authenticator, MoonlightJson json,
			ApiOptions options, ObjectProvider<ApiDocsLink> docs) {
		EnvelopeWriter writer = new EnvelopeWriter(json.mapper().writer());
		RequestBodyReader bodies = new RequestBodyReader(json.mapper(), options.maxRequestSizeBytes());
		ApiDocsLink link = docs.getIfAvailable();
		ApiHandler handler = new ApiHandler(dispatcher, authenticator, bodies, writer, options,
				(link != null) ? link.path() : null);
		return RouterFunctions.route(RequestPredicates.path("/api").or(RequestPredicates.path("/api/**")),
				handler::handle);
	}

}
