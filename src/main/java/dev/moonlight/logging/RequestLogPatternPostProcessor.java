package dev.moonlight.logging;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import dev.moonlight.config.MoonlightEnvironmentPostProcessor;
import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.instance.InstanceId;

/**
 * Applies {@code .rr.yaml logs:} (mode and encoding: {@link LogFormat}; level, file,
 * rotation: {@link LogRotation}; a level per channel: {@link LogChannels}) to Boot's
 * logging properties, and makes Boot's log pattern print the request id
 * ({@link RequestLogContext#PATTERN}) after the instance id ({@link InstanceId}: also an
 * {@code instance} member of JSON lines and a common tag of every meter) through
 * {@code logging.pattern.correlation}, as the lowest-priority default: an application
 * that sets the property, or its own pattern, keeps it. Also quiets Reactor Netty's
 * warning for a request its HTTP decoder refuses (it already answers 400 or 431): that
 * warning prints the whole request head, every one of a hostile request's thousands of
 * header names included.
 */
public final class RequestLogPatternPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String SOURCE = "moonlightLogging";

	/** The level property of the Reactor Netty class that logs refused request heads. */
	static final String DECODER_LOGGER = "logging.level.reactor.netty.http.server.HttpServerOperations";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getPropertySources().contains(SOURCE)) {
			MoonlightSettings settings = MoonlightEnvironmentPostProcessor.settings(environment);
			InstanceId instance = InstanceId.resolve(settings.files(), environment::getProperty);
			Map<String, Object> properties = new LinkedHashMap<>(Map.of("logging.pattern.correlation",
					"[" + instance + "] " + RequestLogContext.PATTERN, DECODER_LOGGER, "ERROR"));
			properties.put(InstanceId.PROPERTY, instance.value());
			properties.put(InstanceId.NAMED_PROPERTY,
					Boolean.toString(InstanceId.named(settings.files(), environment::getProperty)));
			// A common tag on every meter, as each instance's /metrics is scraped apart.
			properties.put("management.metrics.tags.instance", instance.value());
			properties.put("logging.structured.json.add.instance", instance.value());
			LogRotation rotation = LogRotation.read(settings.files().rr(), settings.projectDir());
			properties.putAll(LogFormat.read(settings.files().rr()).springProperties(rotation.file().isPresent()));
			// After the format: a logs.level that is written outranks the level of mode:
			// none.
			properties.putAll(rotation.springProperties());
			properties.putAll(LogChannels.springProperties(settings.files().rr()));
			environment.getPropertySources().addLast(new MapPropertySource(SOURCE, properties));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
