package dev.moonlight.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.reactive.config.CorsRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;

import dev.moonlight.config.ConfigValue;
import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.dispatch.EnvelopeWriter;
import dev.moonlight.dispatch.MoonlightJson;
import dev.moonlight.pipeline.CallPipeline;
import dev.moonlight.pipeline.PipelineAutoConfiguration;
import dev.moonlight.pipeline.RequestListener;
import dev.moonlight.pipeline.RequestListeners;

/**
 * Mounts the envelope API on {@code /api} and {@code /api/**} of the WebFlux server, with
 * CORS from {@code [cors]} and the HTTPS-only gate ({@code HTTPS_ONLY},
 * {@code [server] TRUSTED_PROXIES}). WebFlux asks the {@code RouterFunction} beans in
 * their {@code @Order}; this one takes every {@code /api} path, so a framework route
 * under {@code /api} (the docs catalog) must be ordered before {@link #API_ROUTES_ORDER}.
 */
@AutoConfiguration(after = PipelineAutoConfiguration.class)
public final class WebAutoConfiguration {

	/**
	 * The order of the {@code /api/**} router; routes that share its paths need a smaller
	 * number.
	 */
	public static final int API_ROUTES_ORDER = 0;

	/**
	 * {@code false} serves every API request through WebFlux, as when comparing the two
	 * routes.
	 */
	public static final String DIRECT_ROUTE_PROPERTY = "moonlight.direct-route";

	@Bean
	ApiOptions apiOptions(MoonlightSettings settings) {
		return new ApiOptions(settings.app().name(), settings.app().debug(), settings.http().maxRequestSizeBytes(),
				settings.http().limits().maxFormFields());
	}

	/**
	 * {@code HTTPS_ONLY} and the trusted proxies, shared by the API routes and the
	 * WebSocket handshake.
	 */
	@Bean
	HttpsPolicy moonlightHttpsPolicy(MoonlightSettings settings, Environment environment) {
		return httpsPolicy(settings, environment);
	}

	@Bean
	RequestBodyReader moonlightRequestBodyReader(MoonlightJson json, ApiOptions options) {
		return new RequestBodyReader(json.mapper(), options.maxRequestSizeBytes(), options.maxFormFields());
	}

	@Bean
	ApiHandler moonlightApiHandler(CallPipeline pipeline, MoonlightJson json, ApiOptions options, HttpsPolicy https,
			ObjectProvider<ApiDocsLink> docs) {
		EnvelopeWriter writer = new EnvelopeWriter(json.mapper().writer());
		ApiDocsLink link = docs.getIfAvailable();
		return new ApiHandler(pipeline, new Responder(writer, pipeline), https, options,
				writer.write(EnvelopeWriter.PONG), (link != null) ? link.path() : null);
	}

	@Bean
	@Order(API_ROUTES_ORDER)
	RouterFunction<ServerResponse> moonlightApiRoutes(ApiHandler handler, RequestBodyReader bodies) {
		return RouterFunctions.route(RequestPredicates.path("/api").or(RequestPredicates.path("/api/**")),
				new WebFluxApiRoute(handler, bodies));
	}

	/**
	 * Ping and JSON dispatch straight from Reactor Netty when WebFlux would add nothing
	 * ({@link DirectApiRoute}).
	 */
	@Bean
	@ConditionalOnBooleanProperty(name = DIRECT_ROUTE_PROPERTY, matchIfMissing = true)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	DirectApiRoute moonlightDirectApiRoute(ApiHandler handler, RequestBodyReader bodies, RequestObserver observer,
			ObjectProvider<WebFilter> filters) {
		return new DirectApiRoute(handler, bodies, observer,
				SingletonSupplier.of(() -> DirectApiRoute.skippable(filters.orderedStream().toList())));
	}

	/**
	 * The pages that may open connections CORS does not guard (WebSocket handshakes), per
	 * {@code [cors]}.
	 */
	@Bean
	BrowserOrigins moonlightBrowserOrigins(MoonlightSettings settings) {
		return new BrowserOrigins(CorsSettings.from(settings.files().ini()).orElse(null));
	}

	/**
	 * CORS for the API from {@code [cors]}; WebFlux applies it to router functions before
	 * they run.
	 */
	@Bean
	WebFluxConfigurer moonlightCors(MoonlightSettings settings) {
		return new WebFluxConfigurer() {
			@Override
			public void addCorsMappings(CorsRegistry registry) {
				CorsSettings.from(settings.files().ini())
					.ifPresent((cors) -> registry.addMapping("/api/**").combine(cors));
			}
		};
	}

	/** Ends quietly the requests Netty's HTTP decoder has already answered with 400. */
	@Bean
	DecoderRefusals moonlightDecoderRefusals() {
		return new DecoderRefusals();
	}

	/**
	 * Tells the {@link RequestListener} beans (access log, metrics) about every request.
	 */
	@Bean
	RequestObserver moonlightRequestObserver(RequestListeners listeners, MoonlightSettings settings,
			Environment environment) {
		return new RequestObserver(listeners, trustedProxies(settings, environment));
	}

	private static HttpsPolicy httpsPolicy(MoonlightSettings settings, Environment environment) {
		boolean httpsOnly = settings.files()
			.setting("server", "HTTPS_ONLY", environment::getProperty, "HTTPS_ONLY")
			.map(ConfigValue::asBoolean)
			.orElse(false);
		return new HttpsPolicy(httpsOnly, trustedProxies(settings, environment));
	}

	/**
	 * A bare jar behind a proxy has no settings.ini of its own: the environment variable
	 * names the proxies then.
	 */
	private static TrustedProxies trustedProxies(MoonlightSettings settings, Environment environment) {
		return settings.files()
			.setting("server", "TRUSTED_PROXIES", environment::getProperty, "TRUSTED_PROXIES")
			.map(TrustedProxies::parse)
			.orElse(TrustedProxies.NONE);
	}

}
