package dev.moonlight.web;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.web.cors.CorsConfiguration;

import dev.moonlight.config.IniDocument;

/**
 * {@code [cors]} ({@code allowed_origins}, {@code allowed_headers}, {@code allowed_methods}, {@code credentials},
 * {@code max_age}, Pionia's keys and defaults) as Spring's {@link CorsConfiguration}, which WebFlux applies to the
 * API before any handler runs: preflights are answered without dispatch, only the one matching origin is echoed
 * (Pionia echoes its whole list), with {@code Vary: Origin}. No section, no CORS headers.
 */
final class CorsSettings {

	private CorsSettings() {
	}

	static Optional<CorsConfiguration> from(IniDocument ini) {
		if (!ini.hasSection("cors")) {
			return Optional.empty();
		}
		CorsConfiguration cors = new CorsConfiguration();
		List<String> origins = csv(ini.getString("cors", "allowed_origins", "*"));
		boolean credentials = ini.bool("cors", "credentials", true);
		if (origins.contains("*")) {
			// A literal "*" cannot go with credentials; the pattern makes Spring echo the caller's origin instead.
			cors.setAllowedOriginPatterns(List.of("*"));
		}
		else {
			cors.setAllowedOrigins(origins);
		}
		cors.setAllowCredentials(credentials);
		cors.setAllowedMethods(csv(ini.getString("cors", "allowed_methods", "GET, POST, OPTIONS")));
		cors.setAllowedHeaders(csv(ini.getString("cors", "allowed_headers", "*")));
		cors.setExposedHeaders(List.of(RequestIds.HEADER));
		cors.setMaxAge(Duration.ofSeconds(ini.getIgnoreCase("cors", "max_age")
			.map((value) -> value.asWholeNumber(0, Integer.MAX_VALUE, "max_age is a whole number of seconds."))
			.orElse(86400L)));
		return Optional.of(cors);
	}

	private static List<String> csv(String value) {
		return Arrays.stream(value.split(",")).map(String::strip).filter((item) -> !item.isEmpty()).toList();
	}

}
