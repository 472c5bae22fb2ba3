package dev.moonlight.tcp;

import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

import com.zaxxer.hikari.HikariDataSource;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection pool holds one connection more for each tcp.pool worker while TCP
 * servers run.
 */
class TcpPoolConnectionsTests {

	private static final String TCP = "tcp:\n  servers:\n    lines:\n      addr: tcp://127.0.0.1:0\n      delimiter: \"\\n\"\n"
			+ "  pool:\n    num_workers: 3\n";

	@Test
	void eachTcpWorkerGetsAConnectionBesideTheHttpWorkersAndJobs() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.rrYaml("http:\n  pool:\n    num_workers: 2\n" + TCP)
			.start()) {
			int forHttpAndJobs = app.bean(Environment.class)
				.getProperty("spring.datasource.hikari.maximum-pool-size", Integer.class);
			HikariDataSource pool = app.bean(DataSource.class).unwrap(HikariDataSource.class);
			assertThat(pool.getMaximumPoolSize()).isEqualTo(forHttpAndJobs + 3);
			assertThat(pool.getMinimumIdle()).isEqualTo(forHttpAndJobs + 3);
		}
	}

	@Test
	void withoutTcpServersOrWithASizeTheApplicationWroteThePoolIsLeftAlone() throws Exception {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.rrYaml("http:\n  pool:\n    num_workers: 2\n")
			.start()) {
			assertThat(app.bean(DataSource.class).unwrap(HikariDataSource.class).getMaximumPoolSize())
				.isEqualTo(app.bean(Environment.class)
					.getProperty("spring.datasource.hikari.maximum-pool-size", Integer.class));
		}
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.rrYaml(TCP)
			// As application.properties or a variable would: above Moonlight's own
			// source.
			.initializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("application",
						Map.of("spring.datasource.hikari.maximum-pool-size", "5"))))
			.start()) {
			assertThat(app.bean(DataSource.class).unwrap(HikariDataSource.class).getMaximumPoolSize()).isEqualTo(5);
		}
	}

}
