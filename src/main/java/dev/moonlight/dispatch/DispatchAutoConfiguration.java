package dev.moonlight.dispatch;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.Validator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.moonlight.config.MoonlightSettings;

/**
 * Builds the action table from the service beans and the configured switches, and the
 * dispatcher over it.
 */
@AutoConfiguration(after = ValidationAutoConfiguration.class)
public final class DispatchAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MoonlightJson moonlightJson() {
		return MoonlightJson.create();
	}

	@Bean
	ActionRegistry actionRegistry(ApplicationContext context, MoonlightJson json, Validator validator,
			MoonlightSettings settings, ObjectProvider<ActionGuardFactory> guards,
			ObjectProvider<CallArgument<?>> arguments) {
		Map<String, String> switches = new LinkedHashMap<>();
		settings.switches().forEach((entry) -> switches.put(entry.version(), entry.className()));
		return new ActionRegistryBuilder(context,
				new ActionInvokerFactory(json.mapper(), validator,
						guards.getIfUnique(() -> (type, method, action) -> ActionGuard.OPEN),
						arguments.orderedStream().toList()))
			.build(switches);
	}

	@Bean
	Dispatcher dispatcher(ActionRegistry registry, WorkerPool pool, MoonlightSettings settings,
			ObjectProvider<KeyedCalls> keys) {
		java.time.Duration stall = settings.files()
			.rr()
			.get("http.stream_stall_timeout")
			.filter((value) -> !value.isBlank())
			.map(dev.moonlight.config.ConfigValue::asDuration)
			.orElse(BlockingStream.DEFAULT_STALL);
		return new Dispatcher(registry, pool, settings.http().pool().execTtl(), stall,
				keys.getIfAvailable(() -> KeyedCalls.UNSUPPORTED));
	}

}
