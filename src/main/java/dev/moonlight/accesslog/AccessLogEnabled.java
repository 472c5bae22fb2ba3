package dev.moonlight.accesslog;

import java.util.Optional;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.moonlight.config.ConfigValue;
import dev.moonlight.config.MoonlightEnvironmentPostProcessor;

/**
 * Whether requests are logged: {@code .rr.yaml} {@code http.access_logs: false} turns the
 * log off whatever runs the server; otherwise {@code moonlight.access-log} decides
 * ({@code pretty} or {@code raw}: on; {@code off}: off), and when it is not set (an
 * embedded or test run) {@code http.access_logs: true} turns the pretty log on.
 */
final class AccessLogEnabled extends SpringBootCondition {

	static final String RR_KEY = "http.access_logs";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Moonlight access log");
		Environment environment = context.getEnvironment();
		Optional<Boolean> rr = rrSwitch(environment);
		if (rr.isPresent() && !rr.get()) {
			return ConditionOutcome.noMatch(message.because(RR_KEY + " is false in .rr.yaml"));
		}
		String format = environment.getProperty(AccessLogAutoConfiguration.PROPERTY);
		if ("pretty".equals(format) || "raw".equals(format)) {
			return ConditionOutcome.match(message.because(AccessLogAutoConfiguration.PROPERTY + " is " + format));
		}
		if (format == null && rr.isPresent()) {
			return ConditionOutcome.match(message.because(RR_KEY + " is true in .rr.yaml"));
		}
		return ConditionOutcome.noMatch(message.because(AccessLogAutoConfiguration.PROPERTY + " is "
				+ ((format != null) ? format : "not set") + " and " + RR_KEY + " does not turn it on"));
	}

	/**
	 * {@code http.access_logs} as written; a value that is not a boolean stops the boot.
	 */
	static Optional<Boolean> rrSwitch(Environment environment) {
		return MoonlightEnvironmentPostProcessor.settings(environment)
			.files()
			.rr()
			.get(RR_KEY)
			.filter((value) -> !value.isBlank())
			.map(ConfigValue::asBoolean);
	}

}
