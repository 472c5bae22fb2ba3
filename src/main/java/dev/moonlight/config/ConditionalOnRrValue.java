package dev.moonlight.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code .rr.yaml} gives the key a non-blank value, as RoadRunner enables a
 * plugin by its section: {@code @ConditionalOnRrValue("status.address")}.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnRrValueCondition.class)
public @interface ConditionalOnRrValue {

	/** The dotted path, such as {@code metrics.address}. */
	String value();

}
