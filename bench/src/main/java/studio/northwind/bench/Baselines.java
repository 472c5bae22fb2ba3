package studio.northwind.bench;

import java.sql.Connection;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.SpringApplication;

/**
 * {@code java -jar bench-baselines.jar <command> <host> <port> <jdbc-url>}:
 * {@code raw} (Reactor Netty alone), {@code webflux} (a plain Spring WebFlux controller), or {@code seed} (replace
 * the tasks of a database with the 50 benchmark rows; {@code port} is ignored). An H2 URL (the server's own database) gets
 * the table and rows created by the server itself.
 */
public final class Baselines {

	private Baselines() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 4) {
			System.err.println("usage: bench-baselines.jar raw|webflux|seed HOST PORT JDBC_URL");
			System.exit(2);
		}
		String host = args[1];
		int port = Integer.parseInt(args[2]);
		String url = args[3];
		int workers = Runtime.getRuntime().availableProcessors();
		switch (args[0]) {
			case "seed" -> {
				try (HikariDataSource dataSource = dataSource(url, 1); Connection connection = dataSource.getConnection()) {
					TaskRows.seed(connection);
				}
			}
			case "raw" -> {
				HikariDataSource dataSource = dataSource(url, workers + 1);
				fillIfOwn(dataSource, url);
				RawServer.start(host, port, dataSource, workers).onDispose().block();
			}
			case "webflux" -> SpringApplication.run(WebFluxBaseline.class, "--server.address=" + host,
					"--server.port=" + port, "--spring.datasource.url=" + url,
					"--spring.datasource.username=" + (url.startsWith("jdbc:postgresql") ? "postgres" : "sa"),
					"--spring.datasource.hikari.maximum-pool-size=" + (workers + 1), "--spring.main.banner-mode=off");
			default -> {
				System.err.println("unknown command " + args[0]);
				System.exit(2);
			}
		}
	}

	static HikariDataSource dataSource(String url, int size) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		// Spring Boot's defaults, which DeskFlow's databases were created with.
		config.setUsername(url.startsWith("jdbc:postgresql") ? "postgres" : "sa");
		config.setMaximumPoolSize(size);
		config.setMinimumIdle(size);
		return new HikariDataSource(config);
	}

	/** An H2 database is the server's own: create and fill it. PostgreSQL is shared and filled by {@code seed}. */
	static void fillIfOwn(javax.sql.DataSource dataSource, String url) throws java.sql.SQLException {
		if (!url.startsWith("jdbc:h2:")) {
			return;
		}
		try (Connection connection = dataSource.getConnection(); var statement = connection.createStatement()) {
			statement.execute(TaskRows.SCHEMA);
			TaskRows.seed(connection);
		}
	}

}
