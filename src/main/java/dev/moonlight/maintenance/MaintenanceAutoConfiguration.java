package dev.moonlight.maintenance;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.moonlight.config.DatabaseSettings;
import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.database.FrameworkSchemaMigration;
import dev.moonlight.dispatch.DispatchAutoConfiguration;
import dev.moonlight.dispatch.EnvelopeWriter;
import dev.moonlight.dispatch.MoonlightJson;

/**
 * The maintenance switch (watching {@code [maintenance]} in settings.ini and the runtime
 * switch) and its gate in front of every route; the WebSocket and TCP transports ask the
 * same switch. On PostgreSQL the runtime switch is a row of the shared database, so every
 * instance on it obeys one {@code maintenance:on}; on the embedded H2 (one instance) it
 * is {@code storage/run/maintenance.json}.
 */
@AutoConfiguration(after = DispatchAutoConfiguration.class)
public final class MaintenanceAutoConfiguration {

	/** How stale an instance's view of the shared switch may be. */
	static final Duration SHARED_REFRESH = Duration.ofSeconds(1);

	private static final Logger logger = LoggerFactory.getLogger(MaintenanceAutoConfiguration.class);

	@Bean
	MaintenanceMode maintenanceMode(MoonlightSettings settings, Environment environment,
			ObjectProvider<DataSource> dataSource, ObjectProvider<FrameworkSchemaMigration> schema) {
		MaintenanceSwitch file = new MaintenanceSwitch(settings.projectDir(), settings.storage());
		MaintenanceStore store = file;
		Duration refresh = Duration.ZERO;
		DataSource shared = dataSource.getIfUnique();
		if (settings.database().kind() == DatabaseSettings.Kind.POSTGRESQL && shared != null) {
			// Its table is one of the framework's.
			schema.getIfAvailable();
			store = new DatabaseMaintenanceSwitch(shared, Clock.systemUTC());
			refresh = SHARED_REFRESH;
			if (file.path().toFile().isFile()) {
				logger.warn(
						"{} is ignored: on PostgreSQL the maintenance switch lives in {} for every instance; "
								+ "run maintenance:on or maintenance:off, then delete the file",
						MaintenanceSwitch.PATH, store.where());
			}
		}
		return new MaintenanceMode(settings.projectDir(), store, refresh, Clock.systemUTC(), settings.files().ini(),
				settings.files().dotEnv(), environment::getProperty);
	}

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	MaintenanceGate maintenanceGate(MaintenanceMode mode, MoonlightJson json) {
		return new MaintenanceGate(mode, new EnvelopeWriter(json.mapper().writer()));
	}

}
