package dev.moonlight.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.web.cors.CorsConfiguration;

import dev.moonlight.config.ConfigValue;
import dev.moonlight.config.IniDocument;
import dev.moonlight.pipeline.RequestIds;

/**
 * {@code [cors]} ({@code allowed_origins}, {@code allowed_headers},
 * {@code allowed_methods}, {@code credentials}, {@code max_age}, Pionia's keys and
 * defaults) as Spring's {@link CorsConfiguration}, which WebFlux applies to the API
 * before any handler runs: preflights are answered without dispatch, only the one
 * matching origin is echoed (Pionia echoes its whole list), with {@code Vary: Origin}. No
 * section, no CORS headers.
 * <p>
 * Origins come from {@code allowed_origins} (comma-separated) or
 * {@code allowed_origins[]} lines. {@code *} (also the default of a bare {@code [cors]})
 * is answered as a literal {@code Access-Control-Allow-Origin: *} without credentials:
 * echoing any caller's origin with {@code Allow-Credentials: true} would let every site
 * act with the user's cookies, so {@code credentials = true} beside {@code *} fails the
 * boot. An empty list allows no origin.
 */
final class CorsSettings {

	private static final String SECTION = "cors";

	private CorsSettings() {
	}

	static Optional<CorsConfiguration> from(IniDocument ini) {
		if (!ini.hasSection(SECTION)) {
			return Optional.empty();
		}
		CorsConfiguration cors = new CorsConfiguration();
		List<String> origins = origins(ini);
		Optional<ConfigValue> credentials = ini.getIgnoreCase(SECTION, "credentials");
		if (origins.contains("*")) {
			if (credentials.isPresent() && credentials.get().asBoolean()) {
				throw credentials.get()
					.invalid("credentials cannot be true while allowed_origins is * (any site would"
							+ " act with the user's credentials); list the origins instead.");
			}
			cors.setAllowedOrigins(List.of(CorsConfiguration.ALL));
			cors.setAllowCredentials(false);
		}
		else {
			cors.setAllowedOrigins(origins);
			cors.setAllowCredentials(credentials.map(ConfigValue::asBoolean).orElse(true));
		}
		cors.setAllowedMethods(csv(ini.getString(SECTION, "allowed_methods", "GET, POST, OPTIONS")));
		cors.setAllowedHeaders(csv(ini.getString(SECTION, "allowed_headers", "*")));
		cors.setExposedHeaders(List.of(RequestIds.HEADER));
		cors.setMaxAge(Duration.ofSeconds(ini.getIgnoreCase(SECTION, "max_age")
			.map((value) -> value.asWholeNumber(0, Integer.MAX_VALUE, "max_age is a whole number of seconds."))
			.orElse(86400L)));
		return Optional.of(cors);
	}

	/**
	 * {@code allowed_origins} as one list, or its {@code []} lines, or {@code *} when
	 * neither is set.
	 */
	private static List<String> origins(IniDocument ini) {
		Optional<ConfigValue> scalar = ini.getIgnoreCase(SECTION, "allowed_origins");
		List<String> lines = new ArrayList<>();
		for (String key : List.of("allowed_origins", "ALLOWED_ORIGINS")) {
			ini.array(SECTION, key).forEach((line) -> lines.addAll(csv(line.value())));
		}
		if (scalar.isPresent()) {
			List<String> origins = new ArrayList<>(csv(scalar.get().value()));
			origins.addAll(lines);
			return origins;
		}
		return lines.isEmpty() ? List.of(CorsConfiguration.ALL) : lines;
	}

	private static List<String> csv(String value) {
		return Arrays.stream(value.split(",")).map(String::strip).filter((item) -> !item.isEmpty()).toList();
	}

}
