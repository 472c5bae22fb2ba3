package dev.moonlight.database;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/**
 * Wraps the application's HikariCP pool in a {@link GuardedDataSource} and runs the
 * {@link DatabaseAvailability} probe, so a database outage is answered with 503 at once
 * instead of after the pool's connection timeout, and (with Logback) routes HikariCP's
 * per-connection lines through {@link PoolLogFilter}, so an outage is logged once. Small
 * writes that want to share a commit go through the {@link GroupCommit}.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(HikariDataSource.class)
public final class DatabaseAutoConfiguration {

	@Bean
	DatabaseAvailability databaseAvailability() {
		return new DatabaseAvailability();
	}

	/**
	 * A commit stores up to 256 writes; 4,096 may wait before a write is answered 503
	 * busy. Its statements time out as JdbcTemplate's do
	 * ({@code spring.jdbc.template.query-timeout}, which Moonlight sets from exec_ttl
	 * where the connection has no timeout of its own).
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnSingleCandidate(DataSource.class)
	GroupCommit moonlightGroupCommit(DataSource dataSource, ObjectProvider<JdbcProperties> jdbc) {
		JdbcProperties properties = jdbc.getIfAvailable();
		Duration timeout = (properties != null) ? properties.getTemplate().getQueryTimeout() : null;
		return new GroupCommit(dataSource, 256, 4096, (timeout != null) ? timeout : Duration.ZERO);
	}

	/**
	 * Static, as a post-processor must be; it resolves the availability only when the
	 * pool bean appears. An embedded H2 file has its indexes built again before the
	 * application uses it if a process left it open ({@link EmbeddedH2Recovery}).
	 */
	@Bean
	static BeanPostProcessor moonlightGuardedDataSource(ObjectProvider<DatabaseAvailability> availability) {
		return new PoolPostProcessor(availability);
	}

	/**
	 * Guards the application's pool, and mends and marks an embedded H2 file around the
	 * pool's life.
	 */
	private static final class PoolPostProcessor implements DestructionAwareBeanPostProcessor {

		private final ObjectProvider<DatabaseAvailability> availability;

		private final Map<HikariDataSource, EmbeddedH2Recovery> embedded = new ConcurrentHashMap<>();

		PoolPostProcessor(ObjectProvider<DatabaseAvailability> availability) {
			this.availability = availability;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (bean instanceof HikariDataSource pool) {
				EmbeddedH2Recovery.of(pool.getJdbcUrl()).ifPresent((recovery) -> {
					Runnable open = () -> recovery
						.open(new DriverManagerDataSource(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword()));
					if (pool.getDataSource() instanceof FileHandOver handOver) {
						handOver.whenFileOpened(open);
					}
					else {
						open.run();
					}
					embedded.put(pool, recovery);
				});
				DatabaseAvailability state = availability.getObject();
				GuardedDataSource guarded = new GuardedDataSource(pool, state);
				state.watch(guarded);
				return guarded;
			}
			return bean;
		}

		@Override
		public boolean requiresDestruction(Object bean) {
			return bean instanceof HikariDataSource;
		}

		/**
		 * Runs when every bean that used the pool is gone; closes it first so the mark
		 * goes after the database.
		 */
		@Override
		public void postProcessBeforeDestruction(Object bean, String beanName) {
			EmbeddedH2Recovery recovery = embedded.remove(bean);
			if (recovery != null) {
				((HikariDataSource) bean).close();
				recovery.closed();
			}
		}

	}

	/**
	 * Flyway runs only when a schema's migrations or history changed since its last
	 * successful run ({@link UnchangedMigrations});
	 * {@value UnchangedMigrations#PROPERTY}{@code =false} runs it on every boot.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Flyway.class)
	@ConditionalOnProperty(name = UnchangedMigrations.PROPERTY, havingValue = "true", matchIfMissing = true)
	static class MigrationConfiguration {

		@Bean
		UnchangedMigrations moonlightUnchangedMigrations() {
			return new UnchangedMigrations(getClass().getClassLoader());
		}

		@Bean
		@ConditionalOnMissingBean
		FlywayMigrationStrategy moonlightFlywayMigrationStrategy(UnchangedMigrations unchanged) {
			return unchanged::migrate;
		}

	}

	/**
	 * Moonlight's own tables, migrated once per boot for whatever needs them (jobs, the
	 * shared maintenance switch, idempotency keys).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Flyway.class)
	@ConditionalOnSingleCandidate(DataSource.class)
	static class FrameworkSchemaConfiguration {

		@Bean
		FrameworkSchemaMigration moonlightFrameworkSchema(DataSource dataSource,
				ObjectProvider<FlywayMigrationInitializer> app, ObjectProvider<UnchangedMigrations> unchanged,
				Environment environment) {
			// The application's migrations first: its Flyway refuses to start on a schema
			// that already has tables.
			app.ifAvailable((initializer) -> {
			});
			// A boot that does not migrate (the catalog command, beside a server that
			// holds the embedded file) leaves the framework's tables alone too.
			if (environment.getProperty("spring.flyway.enabled", Boolean.class, true)) {
				FrameworkSchema.migrate(dataSource, getClass().getClassLoader(),
						Optional.ofNullable(unchanged.getIfAvailable()));
			}
			return new FrameworkSchemaMigration();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "ch.qos.logback.classic.LoggerContext")
	static class PoolLogConfiguration {

		@Bean
		PoolLogFilter.Registration moonlightPoolLogFilter(DatabaseAvailability availability) {
			return new PoolLogFilter.Registration(availability);
		}

	}

}
