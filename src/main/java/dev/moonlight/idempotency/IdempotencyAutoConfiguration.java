package dev.moonlight.idempotency;

import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.moonlight.config.DatabaseSettings;
import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.database.BrokenConnectionTransactionManager;
import dev.moonlight.database.DatabaseAutoConfiguration;
import dev.moonlight.database.FrameworkSchemaMigration;
import dev.moonlight.dispatch.MoonlightJson;
import dev.moonlight.logging.Redactor;

/**
 * Idempotency keys wherever the application has a database: the framework's schema (which
 * holds {@code moonlight_idempotency}), the {@link IdempotentCalls} the dispatcher gives
 * keyed calls to, and the purge of expired answers.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, DatabaseAutoConfiguration.class })
@ConditionalOnSingleCandidate(DataSource.class)
public final class IdempotencyAutoConfiguration {

	@Bean
	IdempotencySettings moonlightIdempotencySettings(MoonlightSettings settings, Environment environment) {
		return IdempotencySettings.read(settings.files(), environment::getProperty, settings.http().pool().execTtl());
	}

	@Bean
	IdempotencyStore moonlightIdempotencyStore(DataSource dataSource, MoonlightSettings settings,
			ObjectProvider<FrameworkSchemaMigration> schema) {
		// Its table is one of the framework's.
		schema.getIfAvailable();
		return new IdempotencyStore(JdbcClient.create(dataSource),
				settings.database().kind() == DatabaseSettings.Kind.POSTGRESQL);
	}

	@Bean
	IdempotentCalls moonlightIdempotentCalls(IdempotencyStore store, DataSource dataSource, MoonlightJson json,
			IdempotencySettings settings, ObjectProvider<Clock> clock, ObjectProvider<Redactor> redactor) {
		return new IdempotentCalls(store, new TransactionTemplate(new BrokenConnectionTransactionManager(dataSource)),
				json.mapper(), settings, clock.getIfUnique(Clock::systemUTC),
				redactor.getIfAvailable(() -> new Redactor(List.of(), Redactor.DEFAULT_SUBSTITUTE)));
	}

	/**
	 * On a server only: a CLI command's context (routes, jobs) starts no thread of its
	 * own, and the servers that answer keyed calls purge their rows.
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	IdempotencyPurge moonlightIdempotencyPurge(IdempotencyStore store, IdempotencySettings settings,
			ObjectProvider<Clock> clock) {
		return new IdempotencyPurge(store, clock.getIfUnique(Clock::systemUTC), settings.purgeEvery());
	}

}
