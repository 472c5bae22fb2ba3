package dev.moonlight.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.reactive.config.CorsRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.server.WebFilter;

import dev.moonlight.config.ConfigValue;
import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.dispatch.EnvelopeWriter;
import dev.moonlight.dispatch.MoonlightJson;
import dev.moonlight.pipeline.CallPipeline;
import dev.moonlight.pipeline.ErrorMapper;
import dev.moonlight.pipeline.PipelineAutoConfiguration;
import dev.moonlight.pipeline.RequestListener;
import dev.moonlight.pipeline.RequestListeners;

/**
 * Mounts the envelope API on {@code /api} and {@code /api/**} as one Reactor Netty route
 * ({@link ApiRoute}), with CORS from {@code [cors]} and the HTTPS-only gate
 * ({@code HTTPS_ONLY}, {@code [server] TRUSTED_PROXIES}). Another capability that serves
 * a path under {@code /api} through WebFlux declares an {@link ApiPathClaim}. Pages get
 * request ids and envelope errors ({@link PageRequestIds}, {@link PageErrors}).
 */
@AutoConfiguration(after = PipelineAutoConfiguration.class, before = ErrorWebFluxAutoConfiguration.class)
public final class WebAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(WebAutoConfiguration.class);

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
	RequestBodyReader moonlightRequestBodyReader(MoonlightJson json, ApiOptions options, MoonlightSettings settings) {
		return new RequestBodyReader(json.mapper(), options.maxRequestSizeBytes(), options.maxFormFields(),
				UploadsSection.read(settings.files().rr(), settings.projectDir()));
	}

	@Bean
	ApiHandler moonlightApiHandler(CallPipeline pipeline, MoonlightJson json, ApiOptions options, HttpsPolicy https,
			ObjectProvider<ApiDocsLink> docs, MoonlightSettings settings) {
		EnvelopeWriter writer = new EnvelopeWriter(json.mapper().writer());
		ApiDocsLink link = docs.getIfAvailable();
		int chunkSize = StreamChunkSize.read(settings.files().rr());
		return new ApiHandler(pipeline, new Responder(writer, pipeline, chunkSize), https, options,
				writer.write(EnvelopeWriter.PONG), (link != null) ? link.path() : null);
	}

	/** Puts the {@link ApiRoute} on each listener's server. */
	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	ApiRouteCustomizer moonlightApiRouteCustomizer(ObjectProvider<ApiRoute> route) {
		return new ApiRouteCustomizer(SingletonSupplier.of(route::getObject));
	}

	/**
	 * Built at boot even with {@code spring.main.lazy-initialization}: built at the first
	 * request, the whole API would be built on an event loop, and a failure would answer
	 * every request with a bare 500 instead of stopping the boot.
	 */
	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	static LazyInitializationExcludeFilter moonlightApiRouteBuiltAtBoot() {
		return LazyInitializationExcludeFilter.forBeanTypes(ApiRoute.class);
	}

	/** Every {@code /api} request, straight from Reactor Netty. */
	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	ApiRoute moonlightApiRoute(ApiHandler handler, RequestBodyReader bodies, RequestObserver observer,
			MoonlightSettings settings, ObjectProvider<ApiPathClaim> claims, ObjectProvider<AnswerHeaders> headers) {
		ApiCors cors = CorsSettings.from(settings.files().ini()).map(ApiCors::new).orElse(ApiCors.NONE);
		return new ApiRoute(handler, bodies, observer, cors,
				SingletonSupplier.of(() -> claims.orderedStream().toList()),
				SingletonSupplier.of(() -> headers.orderedStream().toList()));
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
	 * Names at boot the application's {@code WebFilter}s (Spring Security's chain among
	 * them), which a developer may expect on API calls: they run on pages only.
	 */
	@Bean
	SmartInitializingSingleton moonlightApiFilterNotice(ObjectProvider<WebFilter> filters) {
		return () -> filters.orderedStream()
			.map((filter) -> filter.getClass().getName())
			.filter((name) -> !name.startsWith("dev.moonlight."))
			.forEach((name) -> logger.info(
					"WebFilter {} does not run on /api, which the API's own route answers; "
							+ "use a middleware for API calls, or an ApiPathClaim for a route of your own there",
					name));
	}

	/**
	 * CORS from {@code [cors]} for the paths under {@code /api} that other capabilities
	 * claim (the docs catalog); WebFlux applies it before their handlers run.
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

	@Bean
	PageRequestIds moonlightPageRequestIds() {
		return new PageRequestIds();
	}

	/** Unless the application brings its own error handler. */
	@Bean
	@ConditionalOnMissingBean(ErrorWebExceptionHandler.class)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	PageErrors moonlightPageErrors(MoonlightJson json, ErrorMapper errors) {
		return new PageErrors(new EnvelopeWriter(json.mapper().writer()), errors);
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
