package dev.moonlight.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
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

/** Mounts the envelope API on {@code /api} and {@code /api/**} of the WebFlux server. */
@AutoConfiguration(after = { DispatchAutoConfiguration.class, SecurityAutoConfiguration.class })
public final class WebAutoConfiguration {

	@Bean
	ApiOptions apiOptions(MoonlightSettings settings) {
		return new ApiOptions(settings.app().name(), settings.app().debug(), settings.http().maxRequestSizeBytes());
	}

	@Bean
	RouterFunction<ServerResponse> moonlightApiRoutes(Dispatcher dispatcher, Authenticator authenticator, MoonlightJson json,
			ApiOptions options) {
		EnvelopeWriter writer = new EnvelopeWriter(json.mapper().writer());
		RequestBodyReader bodies = new RequestBodyReader(json.mapper(), options.maxRequestSizeBytes());
		ApiHandler handler = new ApiHandler(dispatcher, authenticator, bodies, writer, options);
		return RouterFunctions.route(RequestPredicates.path("/api").or(RequestPredicates.path("/api/**")),
				handler::handle);
	}

}
