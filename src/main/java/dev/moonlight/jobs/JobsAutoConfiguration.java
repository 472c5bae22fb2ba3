package dev.moonlight.jobs;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.moonlight.config.ConfigException;
import dev.moonlight.config.ConfigNotice;
import dev.moonlight.config.DatabaseSettings;
import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.config.PoolSection;
import dev.moonlight.database.BrokenConnectionTransactionManager;
import dev.moonlight.database.FrameworkSchemaMigration;
import dev.moonlight.database.PoolConnections;
import dev.moonlight.dispatch.DispatchAutoConfiguration;
import dev.moonlight.dispatch.Dispatcher;
import dev.moonlight.dispatch.MoonlightJson;
import dev.moonlight.pool.BoundedWorkerPool;
import dev.moonlight.pool.PoolAutoConfiguration;
import dev.moonlight.pool.PoolLimits;

/**
 * Background jobs. Always: the {@code jobs} service, the {@link Calls} action parameter,
 * {@link Jobs} and {@link JobControl}. With {@code [jobs] ENABLED}: Moonlight's schema,
 * the pipelines, the jobs pool and (unless {@code moonlight.jobs.consume=false}, as for
 * the {@code jobs:*} commands, or {@code jobs.consume: []}) the consumer.
 */
@AutoConfiguration(after = { DispatchAutoConfiguration.class, PoolAutoConfiguration.class })
public final class JobsAutoConfiguration {

	/** Set to false for a process that queues and controls jobs but never runs them. */
	public static final String CONSUME_PROPERTY = "moonlight.jobs.consume";

	/** {@code jobs} for a consumer-only process ({@code runserver --mode=jobs}). */
	public static final String MODE_PROPERTY = "moonlight.mode";

	private static final Logger logger = LoggerFactory.getLogger(JobsAutoConfiguration.class);

	/**
	 * {@code [jobs]} and {@code .rr.yaml jobs}, read once: its notices are logged here,
	 * and a bad value fails the boot naming file, line and key.
	 */
	@Bean
	JobsSection jobsSection(MoonlightSettings settings, Environment environment) {
		return new JobsSectionReader(settings.files(), environment::getProperty, JobsAutoConfiguration::log).read();
	}

	/**
	 * With jobs on, a pooled connection for each job worker and one for the consumer's
	 * claims and lease renewals, beside those Moonlight sizes the pool with for the HTTP
	 * workers: a job that uses JDBC must not wait for a connection an HTTP worker holds.
	 * {@link PoolConnections} grows only what Moonlight sized, and reads the section when
	 * the pool is made, before Flyway or any job store uses it. Static, as a
	 * post-processor must be.
	 */
	@Bean
	static BeanPostProcessor moonlightJobsPoolConnections(ObjectProvider<JobsSection> section,
			Environment environment) {
		return PoolConnections.adding(environment,
				() -> section.getObject().enabled() ? section.getObject().pool().numWorkers() + 1 : 0);
	}

	@Bean
	CallsArgument callsArgument(ObjectProvider<Jobs> jobs, ObjectProvider<Dispatcher> dispatcher, MoonlightJson json) {
		return new CallsArgument(jobs, dispatcher, json.mapper());
	}

	@Bean
	JobsService jobsService(Pipelines pipelines, MoonlightSettings settings) {
		return new JobsService(pipelines, settings.app().debug());
	}

	@Bean
	Jobs jobs(Pipelines pipelines, Dispatcher dispatcher, MoonlightJson json, JobsSection section) {
		return new Jobs(pipelines, dispatcher, json.mapper(), section, Clock.systemUTC());
	}

	@Bean
	JobControl jobControl(Pipelines pipelines, ObjectProvider<PauseState> pauses, ObjectProvider<JobConsumer> consumer,
			JobsSection section) {
		return new JobControl(pipelines, pauses.getIfAvailable(),
				(consumer.getIfAvailable() != null) ? new HashSet<>(section.consume()) : new HashSet<>());
	}

	/**
	 * {@code runserver --mode=jobs}: fails the boot with the reason when such a process
	 * would have nothing to do.
	 */
	@Bean
	@ConditionalOnProperty(name = MODE_PROPERTY, havingValue = "jobs")
	ConsumerOnlyMode consumerOnlyMode(JobsSection section, MoonlightSettings settings) {
		return new ConsumerOnlyMode(section, settings.files().ini());
	}

	/** Jobs off: only the inline pipeline, for jobs that run after the response. */
	@Bean(destroyMethod = "close")
	@Conditional(JobsDisabledCondition.class)
	Pipelines inlinePipelines() {
		return Pipelines.inlineOnly();
	}

	/** Jobs on: the pipelines, the pool and the consumer. */
	@Configuration(proxyBeanMethods = false)
	@Conditional(JobsEnabledCondition.class)
	static class Queue {

		@Bean
		JdbcJobStore jdbcJobStore(FrameworkSchemaMigration schema, DataSource dataSource, MoonlightJson json,
				MoonlightSettings settings) {
			return new JdbcJobStore(dataSource,
					new TransactionTemplate(new BrokenConnectionTransactionManager(dataSource)),
					new JobRowMapper(json.mapper()), settings.database().kind() == DatabaseSettings.Kind.POSTGRESQL);
		}

		@Bean
		PauseState pauseState(FrameworkSchemaMigration schema, DataSource dataSource) {
			return new PauseState(JdbcClient.create(dataSource), Clock.systemUTC());
		}

		@Bean(destroyMethod = "close")
		Pipelines pipelines(JobsSection jobs, JdbcJobStore store) {
			CachingConnectionFactory broker = jobs.pipelines()
				.stream()
				.anyMatch((p) -> PipelineSection.AMQP.equals(p.driver())) ? broker(jobs.amqpAddress()) : null;
			List<Pipeline> pipelines = new ArrayList<>();
			for (PipelineSection section : jobs.pipelines()) {
				pipelines.add(switch (section.driver()) {
					case PipelineSection.MEMORY -> new MemoryPipeline(section, Clock.systemUTC());
					case PipelineSection.AMQP ->
						new AmqpPipeline(section, broker, store, Clock.systemUTC(), jobs.pool().destroyTimeout());
					default -> new JdbcPipeline(section, store, Clock.systemUTC());
				});
			}
			return new Pipelines(pipelines, jobs.defaultPipeline(), new InlinePipeline(), () -> {
				if (broker != null) {
					broker.destroy();
				}
			});
		}

		@Bean(destroyMethod = "close")
		JobPool jobPool(JobsSection jobs) {
			return new JobPool(new BoundedWorkerPool("jobs", PoolLimits.of(jobs.pool())));
		}

		@Bean
		@ConditionalOnProperty(name = CONSUME_PROPERTY, havingValue = "true", matchIfMissing = true)
		JobConsumer jobConsumer(JobsSection jobs, Pipelines pipelines, JobPool pool, PauseState pauses,
				Dispatcher dispatcher, ObjectProvider<MeterRegistry> registry) {
			PoolSection limits = jobs.pool();
			MeterRegistry meters = registry.getIfUnique();
			JobRunner runner = new JobRunner(dispatcher.on(pool.workers(), limits.execTtl()), pool.workers(),
					jobs.backoff(), Clock.systemUTC(), (meters != null) ? JobMeters.of(meters) : JobMeters.NONE);
			return new JobConsumer(pipelines, jobs.consume(), runner, pool, pauses, limits.numWorkers(),
					limits.destroyTimeout());
		}

		private static CachingConnectionFactory broker(String address) {
			CachingConnectionFactory factory;
			try {
				// RoadRunner writes amqp://guest:guest@127.0.0.1:5672/ and means the
				// default virtual host "/"; the Java client reads a bare "/" path as the
				// empty virtual host, which RabbitMQ refuses.
				String uri = address.endsWith(":" + java.net.URI.create(address).getPort() + "/")
						? address.substring(0, address.length() - 1) : address;
				factory = new CachingConnectionFactory(java.net.URI.create(uri));
			}
			catch (IllegalArgumentException ex) {
				throw new ConfigException(new dev.moonlight.config.Origin(".rr.yaml", 0, "amqp.addr"), address,
						"Not an AMQP URI; write it as amqp://user:password@host:5672/.", ex);
			}
			factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
			factory.setConnectionNameStrategy((connections) -> "moonlight-jobs");
			return factory;
		}

	}

	private static void log(ConfigNotice notice) {
		if (notice.warning()) {
			logger.warn("{}", notice);
		}
		else {
			logger.info("{}", notice);
		}
	}

}
