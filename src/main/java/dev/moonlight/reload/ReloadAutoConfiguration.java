package dev.moonlight.reload;

import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.moonlight.config.ConfigAutoConfiguration;
import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.pool.HeapWatch;

/**
 * Zero-downtime reload for a web server: the {@link Reloader} (the {@code reload} RPC
 * method and SIGHUP start it) and, in a process a reload started, the
 * {@link SuccessorReadiness} that tells the old one to drain.
 */
@AutoConfiguration(after = ConfigAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public final class ReloadAutoConfiguration {

	/**
	 * How long a reload's new process may take to serve before it is stopped and the old
	 * one keeps serving.
	 */
	public static final String START_TIMEOUT_PROPERTY = "moonlight.reload.start-timeout";

	private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);

	/** {@value HandOverFile#VARIABLE} in Spring's relaxed names. */
	static final String STATUS = "moonlight.reload.status";

	/** {@value SharedEmbeddedDatabase#VARIABLE} in Spring's relaxed names. */
	static final String HANDED_DATABASE = "moonlight.reload.database";

	@Bean
	Reloader moonlightReloader(MoonlightSettings settings, ConfigurableApplicationContext context,
			Environment environment, ObjectProvider<DataSource> dataSource) {
		Duration timeout = environment.getProperty(START_TIMEOUT_PROPERTY, Duration.class, DEFAULT_START_TIMEOUT);
		return new Reloader(settings.storage(), settings.database(), dataSource::getIfAvailable, context::close,
				timeout, context);
	}

	/**
	 * {@code http.pool.supervisor.max_worker_memory}'s failswitch: over the limit, the
	 * server reloads itself; a refusal (pid 1, a database in memory) is its answer.
	 */
	@Bean
	HeapWatch.Failswitch moonlightMemoryFailswitch(Reloader reloader) {
		return (why) -> {
			try {
				reloader.start();
				return null;
			}
			catch (ReloadRefusedException ex) {
				return ex.getMessage();
			}
		};
	}

	@Bean
	MemoryFailswitchRearm moonlightMemoryFailswitchRearm(ObjectProvider<HeapWatch> heap) {
		return new MemoryFailswitchRearm(heap);
	}

	@Bean
	HangUpReload moonlightHangUpReload(Reloader reloader) {
		return new HangUpReload(reloader);
	}

	/**
	 * A reload's new process on an embedded H2 file reaches the old process's database
	 * until it takes the file over. {@code MOONLIGHT_RELOAD_DATABASE} is
	 * {@value #HANDED_DATABASE} in Spring's relaxed names.
	 */
	@Bean
	@ConditionalOnProperty({ STATUS, HANDED_DATABASE })
	static SuccessorDatabase moonlightSuccessorDatabase(Environment environment) {
		return new SuccessorDatabase(environment.getProperty(HANDED_DATABASE),
				new HandOverFile(Path.of(environment.getProperty(STATUS))));
	}

	/**
	 * A reload's new process listens only once its runners have started: the old one
	 * serves meanwhile.
	 */
	@Bean
	@ConditionalOnProperty(STATUS)
	static SuccessorRunnersFirst moonlightSuccessorRunnersFirst(ObjectProvider<Runner> runners) {
		return new SuccessorRunnersFirst(runners);
	}

	/**
	 * {@code MOONLIGHT_RELOAD_STATUS}, set by the old process, is this property in
	 * Spring's relaxed names.
	 */
	@Bean
	@ConditionalOnProperty(STATUS)
	SuccessorReadiness moonlightSuccessorReadiness(Environment environment, MoonlightSettings settings) {
		// Its own configuration, not the old one's, decides: an .env that lost
		// DATABASE_URL would serve an empty embedded database while the old process
		// drains.
		Reloader.embeddedReason(settings.database()).ifPresent((reason) -> {
			throw new IllegalStateException(reason);
		});
		boolean handed = environment.containsProperty(HANDED_DATABASE);
		if (Reloader.embeddedFile(settings.database()) != handed) {
			throw new IllegalStateException(handed
					? "The old process hands over its embedded H2 database, and this configuration names another ("
							+ settings.database().jdbcUrl().split(";", 2)[0]
							+ "): a reload cannot change the database; "
							+ "restart instead (stopserver, then runserver)."
					: "This configuration names the embedded H2 database "
							+ settings.database().jdbcUrl().split(";", 2)[0]
							+ ", and the old process uses another: a reload cannot change the database; restart "
							+ "instead (stopserver, then runserver).");
		}
		return new SuccessorReadiness(new HandOverFile(Path.of(environment.getProperty(STATUS))));
	}

}
