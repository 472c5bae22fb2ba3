package dev.moonlight.accesslog;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

import dev.moonlight.dispatch.MoonlightJson;
import dev.moonlight.instance.InstanceId;

/**
 * The access log, on when {@code moonlight.access-log} is {@code pretty} or {@code raw}:
 * {@code runserver} sets it (raw with {@code --raw}); embedded and test runs leave it off
 * unless {@code .rr.yaml} says {@code http.access_logs: true}, and
 * {@code http.access_logs: false} turns it off in every run ({@link AccessLogEnabled}).
 */
@AutoConfiguration
@Conditional(AccessLogEnabled.class)
public final class AccessLogAutoConfiguration {

	/**
	 * The property that turns the access log on: {@code pretty}, {@code raw} or
	 * {@code off} (the default, unless {@code http.access_logs: true}).
	 */
	public static final String PROPERTY = "moonlight.access-log";

	@Bean
	AccessLog accessLog(Environment environment) {
		AccessLogFormat format = "raw".equals(environment.getProperty(PROPERTY)) ? AccessLogFormat.RAW
				: AccessLogFormat.PRETTY;
		// Colours only for a person at a terminal; NO_COLOR is the common opt-out.
		boolean colours = format == AccessLogFormat.PRETTY && System.console() != null
				&& environment.getProperty("NO_COLOR") == null;
		return new AccessLog(format, colours, MoonlightJson.create().mapper(), System.out,
				environment.getProperty(InstanceId.PROPERTY),
				environment.getProperty(InstanceId.NAMED_PROPERTY, Boolean.class, false));
	}

}
