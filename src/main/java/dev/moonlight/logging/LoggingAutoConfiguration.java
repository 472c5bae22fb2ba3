package dev.moonlight.logging;

import java.util.Arrays;
import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

import dev.moonlight.config.ConfigValue;
import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.reload.ReloadFailed;

/**
 * The {@link Redactor} of {@code [logging] HIDE_IN_LOGS} (comma-separated keys) and
 * {@code HIDE_SUB}.
 */
@AutoConfiguration
public final class LoggingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Redactor redactor(MoonlightSettings settings) {
		List<String> extra = settings.files()
			.ini()
			.getIgnoreCase("logging", "HIDE_IN_LOGS")
			.map((value) -> Arrays.asList(value.value().split(",")))
			.orElse(List.of());
		String substitute = settings.files()
			.ini()
			.getIgnoreCase("logging", "HIDE_SUB")
			.filter((value) -> !value.isBlank())
			.map(ConfigValue::value)
			.orElse(Redactor.DEFAULT_SUBSTITUTE);
		return new Redactor(extra, substitute);
	}

	/**
	 * A detached server whose reload failed takes the new process's lines into its log
	 * (see {@link RotatingConsole}).
	 */
	@Bean
	ApplicationListener<ReloadFailed> moonlightFailedReloadLines() {
		return (failed) -> RotatingConsole.takeInLinesOf(failed.successorPid());
	}

}
