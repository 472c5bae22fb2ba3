package dev.moonlight.config;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import dev.moonlight.testing.FuzzExamples;
import dev.moonlight.testing.HostileText;

/**
 * {@code DATABASE_URL}: settings or a {@link ConfigException}, whatever the URL; its
 * password is never shown raw.
 */
class DatabaseUrlFuzzTests {

	private static final Origin ORIGIN = Origin.processEnvironment("DATABASE_URL");

	@Test
	void anyUrlGivesSettingsOrAConfigException() {
		FuzzExamples.qt(FuzzExamples.IN_MEMORY)
			.forAll(urls())
			.checkAssert((text) -> HostileText.onlyThrows(ConfigException.class, text, () -> {
				ConfigValue value = new ConfigValue(text, ORIGIN);
				DatabaseResolver.fromUrl(value);
				PostgresUrl.masked(value);
			}));
	}

	private static Gen<String> urls() {
		return HostileText
			.anyTextOrMutationOf(List.of("postgres://user:p%40ss@db.example:5432/deskflow?sslmode=require",
					"postgresql://[::1]:6543/app", "postgres://u@host/db", "jdbc:postgresql://h/db?password=x",
					"jdbc:h2:mem:x", "postgres://user:pw@host:99999/db", "postgresql://user:%ZZ@[fe80::1%25eth0]:1/d"));
	}

}
