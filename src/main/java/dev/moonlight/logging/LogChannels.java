package dev.moonlight.logging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.moonlight.config.RrYaml;

/**
 * {@code .rr.yaml logs.channels}: a level per RoadRunner plugin, or per logger.
 * RoadRunner's plugin names stand for Moonlight's packages ({@code http}: the server and
 * the API routes; {@code jobs}, {@code rpc}, {@code tcp}, ...); any other name is a
 * logger name as Logback knows it ({@code com.example.shop}, {@code org.flywaydb}). Only
 * {@code level} is read per channel; the other keys a RoadRunner channel may carry are
 * reported by the config check.
 */
final class LogChannels {

	/** RoadRunner plugin names and the packages that do their work here. */
	static final Map<String, List<String>> PLUGINS = Map.of("http",
			List.of("dev.moonlight.server", "dev.moonlight.web", "dev.moonlight.pipeline"), "jobs",
			List.of("dev.moonlight.jobs"), "rpc", List.of("dev.moonlight.rpc"), "tcp", List.of("dev.moonlight.tcp"),
			"status", List.of("dev.moonlight.status"), "metrics", List.of("dev.moonlight.metrics"), "pool",
			List.of("dev.moonlight.pool"), "websockets", List.of("dev.moonlight.realtime"), "reload",
			List.of("dev.moonlight.reload"));

	private static final String LEVEL = ".level";

	private LogChannels() {
	}

	/**
	 * {@code logging.level.<logger>} for each channel with a level.
	 * @throws dev.moonlight.config.ConfigException naming the key and line of a level
	 * that is not one
	 */
	static Map<String, String> springProperties(RrYaml rr) {
		Map<String, String> properties = new LinkedHashMap<>();
		// A logger name's dots nest it in YAML (com.example.shop: {level: x} is
		// com -> example -> shop -> level), so the channel is what precedes
		// ".level".
		rr.scalarsUnder("logs.channels").forEach((key, value) -> {
			if (key.endsWith(LEVEL) && !value.isBlank()) {
				String channel = key.substring(0, key.length() - LEVEL.length());
				String level = LogRotation.level(value);
				PLUGINS.getOrDefault(channel, List.of(channel))
					.forEach((logger) -> properties.put("logging.level." + logger, level));
			}
		});
		return properties;
	}

}
