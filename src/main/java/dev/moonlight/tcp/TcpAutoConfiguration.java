package dev.moonlight.tcp;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.moonlight.config.ConfigNotice;
import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.config.RrYaml;
import dev.moonlight.database.PoolConnections;
import dev.moonlight.dispatch.DispatchAutoConfiguration;
import dev.moonlight.dispatch.MoonlightJson;
import dev.moonlight.maintenance.MaintenanceAutoConfiguration;
import dev.moonlight.pipeline.CallPipeline;
import dev.moonlight.pipeline.ErrorMapper;
import dev.moonlight.pool.BoundedWorkerPool;
import dev.moonlight.pool.PoolLimits;
import dev.moonlight.security.Authenticator;
import dev.moonlight.security.SecurityAutoConfiguration;
import dev.moonlight.server.SharedPort;
import dev.moonlight.web.WebAutoConfiguration;

/**
 * The TCP servers of {@code .rr.yaml} {@code tcp.servers}, each served by the
 * {@link TcpWorker} bean of its name, and {@link TcpEnvelopes} for applications that
 * offer the envelope API as lines. Without a {@code tcp} section (or with every
 * {@code addr} empty) nothing listens and no pool is made.
 */
@AutoConfiguration(after = { DispatchAutoConfiguration.class, SecurityAutoConfiguration.class,
		WebAutoConfiguration.class, MaintenanceAutoConfiguration.class })
public final class TcpAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(TcpAutoConfiguration.class);

	@Bean
	TcpSection tcpSection(MoonlightSettings settings) {
		return new TcpSectionReader(settings.files().rr(), TcpAutoConfiguration::log).read();
	}

	/**
	 * A pooled connection for each {@code tcp.pool} worker too, beside those Moonlight
	 * sizes the pool with for the HTTP workers and the jobs: a handler that uses JDBC on
	 * every TCP worker must not wait for a connection an HTTP worker holds. Only while
	 * TCP servers run, and as {@link PoolConnections} grows a pool: only what Moonlight
	 * sized. Static, as a post-processor must be.
	 */
	@Bean
	static BeanPostProcessor moonlightTcpPoolConnections(ObjectProvider<TcpSection> section, Environment environment) {
		return PoolConnections.adding(environment,
				() -> section.getObject().enabled() ? section.getObject().pool().numWorkers() : 0);
	}

	@Bean
	TcpEnvelopes tcpEnvelopes(CallPipeline pipeline, Authenticator authenticator, ErrorMapper errors,
			MoonlightJson json) {
		return new TcpEnvelopes(pipeline, authenticator, errors, json.mapper());
	}

	@Bean(destroyMethod = "close")
	TcpPool tcpPool(TcpSection section) {
		return new TcpPool(section.enabled() ? new BoundedWorkerPool("tcp", PoolLimits.of(section.pool())) : null);
	}

	@Bean
	TcpServers tcpServers(TcpSection section, TcpPool pool, ApplicationContext context, MoonlightSettings settings) {
		return new TcpServers(section, handlers(context, settings.files().rr()), pool.pool(),
				SharedPort.ofEnvironment());
	}

	/**
	 * The {@link TcpWorker} beans by server name; a name claimed twice, or a bean of
	 * neither handler kind, fails.
	 */
	private static Map<String, Object> handlers(ApplicationContext context, RrYaml rr) {
		Map<String, Object> byServer = new LinkedHashMap<>();
		Map<String, String> beanOf = new LinkedHashMap<>();
		for (String beanName : context.getBeanNamesForAnnotation(TcpWorker.class)) {
			TcpWorker worker = context.findAnnotationOnBean(beanName, TcpWorker.class);
			Object bean = context.getBean(beanName);
			if (!(bean instanceof TcpHandler) && !(bean instanceof ReactiveTcpHandler)) {
				throw new IllegalStateException("@TcpWorker bean " + beanName + " (" + bean.getClass().getName()
						+ ") must implement TcpHandler or ReactiveTcpHandler.");
			}
			for (String server : worker.value()) {
				String other = beanOf.putIfAbsent(server, beanName);
				if (other != null) {
					throw new IllegalStateException("Two handlers claim the TCP server " + server + ": beans " + other
							+ " and " + beanName + "; remove one @TcpWorker(\"" + server + "\").");
				}
				byServer.put(server, bean);
			}
		}
		// A server listed with an empty addr has been reported by the reader already.
		byServer.keySet()
			.stream()
			.filter((server) -> !rr.has(TcpSectionReader.SECTION + ".servers." + server))
			.forEach((server) -> logger.info(
					"TCP handler {} serves no configured server: .rr.yaml has no tcp.servers.{}", beanOf.get(server),
					server));
		return byServer;
	}

	private static void log(ConfigNotice notice) {
		if (notice.warning()) {
			logger.warn("{}", notice);
		}
		else {
			logger.info("{}", notice);
		}
	}

	/**
	 * The {@code tcp.pool} workers, or none when no server runs; closed (drained) at
	 * shutdown.
	 */
	record TcpPool(BoundedWorkerPool pool) implements AutoCloseable {

		@Override
		public void close() {
			if (pool != null) {
				pool.close();
			}
		}

	}

}
