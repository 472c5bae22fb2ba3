package dev.moonlight.docs;

import jakarta.validation.Validator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.dispatch.ActionRegistry;
import dev.moonlight.dispatch.DispatchAutoConfiguration;
import dev.moonlight.dispatch.MoonlightJson;
import dev.moonlight.security.AccessRules;
import dev.moonlight.security.SecurityAutoConfiguration;
import dev.moonlight.web.ApiDocsLink;
import dev.moonlight.web.ApiPathClaim;
import dev.moonlight.web.WebAutoConfiguration;

/**
 * The API catalog (always, for the {@code routes} command) and, behind the docs gate, its
 * routes: {@code /docs}, {@code /docs/openapi.json} and {@code /api/{v}/__catalog}, which
 * it claims from the API's own route ({@link ApiPathClaim}).
 */
@AutoConfiguration(
		after = { DispatchAutoConfiguration.class, SecurityAutoConfiguration.class, WebAutoConfiguration.class })
public final class DocsAutoConfiguration {

	/** The handler's catalog, for the {@code routes} command; made when asked for. */
	@Bean
	@Lazy
	ApiCatalog apiCatalog(DocsHandler handler) {
		return handler.catalog();
	}

	@Bean
	DocsSettings docsSettings(MoonlightSettings settings, Environment environment) {
		return DocsSettings.read(settings, environment::getProperty);
	}

	@Bean
	@Conditional(DocsEnabledCondition.class)
	ApiDocsLink apiDocsLink() {
		return new ApiDocsLink(DocsHandler.PAGE_PATH);
	}

	/**
	 * Built beside the rest of the boot, catalog included (it reads every action's
	 * parameters and constraints, then renders the page and the OpenAPI document: a tenth
	 * of a second of a cold start). The refresh waits for it, so it is ready before the
	 * first request.
	 */
	@Bean(bootstrap = Bean.Bootstrap.BACKGROUND)
	DocsHandler moonlightDocsHandler(DocsSettings docs, ActionRegistry registry, ObjectProvider<AccessRules> rules,
			Validator validator, ApplicationContext context, MoonlightJson json, MoonlightSettings settings) {
		ApiCatalog catalog = new ApiCatalog(registry, rules.getIfAvailable(), validator,
				(type) -> context.getBeanProvider(type).getIfUnique());
		return new DocsHandler(new DocsGate(docs), catalog, json.mapper(), settings.app().name());
	}

	/**
	 * The router that WebFlux collects at boot; it finds the handler when the first
	 * request comes.
	 */
	@Bean
	RouterFunction<ServerResponse> moonlightDocsRoutes(ObjectProvider<DocsHandler> handler) {
		return (request) -> Mono.justOrEmpty(handler.getObject().route(request));
	}

	/**
	 * {@code /api/{v}/__catalog} is the docs' route, not an API call; asked on every
	 * {@code /api} request, so the handler is looked up once.
	 */
	@Bean
	ApiPathClaim moonlightDocsCatalogClaim(ObjectProvider<DocsHandler> handler) {
		SingletonSupplier<DocsHandler> docs = SingletonSupplier.of(handler::getObject);
		return (method, path) -> docs.obtain().claims(method, path);
	}

}
