package dev.moonlight.middleware;

import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.moonlight.config.ConfiguredBeans;
import dev.moonlight.config.MoonlightSettings;

/**
 * The middleware chain: the classes of {@code [app_middlewares]} in file order (each the
 * application's bean of that class, or a new instance), or else every {@link Middleware}
 * bean in {@code @Order}.
 */
@AutoConfiguration
public final class MiddlewareAutoConfiguration {

	/** The settings.ini section that lists and orders middleware. */
	public static final String SECTION = "app_middlewares";

	@Bean
	@ConditionalOnMissingBean
	MiddlewareChain middlewareChain(ApplicationContext context, MoonlightSettings settings,
			ObjectProvider<Middleware> beans) {
		if (settings.files().ini().hasSection(SECTION)) {
			return new MiddlewareChain(
					ConfiguredBeans.fromSection(context, settings, SECTION, Middleware.class, Map.of()));
		}
		return new MiddlewareChain(beans.orderedStream().toList());
	}

}
