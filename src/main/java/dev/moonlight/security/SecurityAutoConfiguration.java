package dev.moonlight.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

import dev.moonlight.config.ConfiguredBeans;
import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.dispatch.DispatchAutoConfiguration;

/**
 * Security marks on actions, BCrypt passwords, and the authentication chain: the backends
 * named in {@code [app_authentications]} in file order, or else every
 * {@link AuthenticationBackend} bean in bean order. The JWT backend and {@link JwtTokens}
 * exist when {@code [app_authentications]} names {@code jwt} or {@code [jwt] ENABLED} is
 * true; then a missing secret fails the boot.
 */
@AutoConfiguration(before = DispatchAutoConfiguration.class)
public final class SecurityAutoConfiguration {

	/** The settings.ini section that orders the authentication backends. */
	public static final String SECTION = "app_authentications";

	@Bean
	@ConditionalOnMissingBean
	PasswordHasher passwordHasher() {
		return new PasswordHasher();
	}

	@Bean
	@ConditionalOnMissingBean
	AccessRules accessRules() {
		return new AccessRules();
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(JwtEnabledCondition.class)
	JwtTokens jwtTokens(MoonlightSettings settings, Environment environment) {
		return new JwtTokens(new JwtSettingsReader(settings, environment::getProperty).read());
	}

	@Bean
	@ConditionalOnMissingBean
	Authenticator authenticator(ApplicationContext context, MoonlightSettings settings,
			ObjectProvider<AuthenticationBackend> beans, ObjectProvider<JwtTokens> tokens) {
		Supplier<JwtAuthentication> jwt = () -> new JwtAuthentication(tokens.getObject());
		if (settings.files().ini().hasSection(SECTION)) {
			Map<String, Supplier<? extends AuthenticationBackend>> builtIns = Map.of(JwtAuthentication.ALIAS, jwt,
					JwtAuthentication.class.getName(), jwt);
			return new Authenticator(
					ConfiguredBeans.fromSection(context, settings, SECTION, AuthenticationBackend.class, builtIns));
		}
		List<AuthenticationBackend> backends = new ArrayList<>(beans.orderedStream().toList());
		if (tokens.getIfAvailable() != null) {
			backends.add(jwt.get());
		}
		return new Authenticator(backends);
	}

}
