package dev.moonlight.docs;

import java.util.function.Predicate;

import jakarta.validation.Validator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
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

	/**
	 * Read from the action table when first asked for: by the docs' build, at the first
	 * docs request while the docs are on, or by the {@code routes} command.
	 */
	@Bean
	@Lazy
	ApiCatalog apiCatalog(ActionRegistry registry, ObjectProvider<AccessRules> rules, Validator validator,
			ApplicationContext context) {
		return new ApiCatalog(registry, rules.getIfAvailable(), validator,
				(type) -> context.getBeanProvider(type).getIfUnique());
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
	 * Built at the first docs request, not at boot, so that a restart serves the API
	 * sooner; with the docs off it builds no catalog, and the gate answers 404.
	 */
	@Bean
	DocsBuild moonlightDocs(DocsSettings docs, ObjectProvider<ApiCatalog> catalog, ActionRegistry registry,
			MoonlightJson json, MoonlightSettings settings) {
		return new DocsBuild(() -> new DocsHandler(new DocsGate(docs), catalog::getObject, registry::hasVersion,
				json.mapper(), settings.app().name()));
	}

	/**
	 * The router that WebFlux collects at boot; a request for a docs path waits for the
	 * handler's build, any other goes on at once.
	 */
	@Bean
	RouterFunction<ServerResponse> moonlightDocsRoutes(DocsBuild docs) {
		return (request) -> DocsHandler.isDocsRequest(request.method(), request.path())
				? docs.handler().mapNotNull((handler) -> handler.route(request)) : Mono.empty();
	}

	/**
	 * {@code /api/{v}/__catalog} is the docs' route, not an API call; a known version's
	 * catalog is claimed whether or not the docs are built yet.
	 */
	@Bean
	ApiPathClaim moonlightDocsCatalogClaim(ActionRegistry registry) {
		Predicate<String> knownVersion = registry::hasVersion;
		return (method, path) -> DocsHandler.claims(method, path, knownVersion);
	}

}
