package dev.moonlight.database;

import java.util.function.IntSupplier;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;

import dev.moonlight.config.MoonlightEnvironmentPostProcessor;

/**
 * Connections a capability adds to the pool Moonlight sizes for the HTTP workers (its own
 * workers', so a job or a TCP handler that uses JDBC never waits for one an HTTP worker
 * holds). Only Boot's {@code dataSource} pool grows, and each of its size and idle floor
 * only when Moonlight chose it: a value the application wrote, or a second pool it makes,
 * stays its own.
 */
public final class PoolConnections {

	private static final String SIZED_POOL = "dataSource";

	private static final String POOL_SIZE = "spring.datasource.hikari.maximum-pool-size";

	private static final String MIN_IDLE = "spring.datasource.hikari.minimum-idle";

	private PoolConnections() {
	}

	/**
	 * A post-processor (declare its bean method static) that grows the pool by
	 * {@code connections}, asked when the pool is made, after Boot has bound its
	 * properties and before anything uses it.
	 */
	public static BeanPostProcessor adding(Environment environment, IntSupplier connections) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof HikariDataSource pool && SIZED_POOL.equals(beanName)) {
					int added = connections.getAsInt();
					if (added > 0 && MoonlightEnvironmentPostProcessor.setByMoonlight(environment, POOL_SIZE)) {
						pool.setMaximumPoolSize(pool.getMaximumPoolSize() + added);
					}
					if (added > 0 && MoonlightEnvironmentPostProcessor.setByMoonlight(environment, MIN_IDLE)) {
						pool.setMinimumIdle(pool.getMinimumIdle() + added);
					}
				}
				return bean;
			}

		};
	}

}
