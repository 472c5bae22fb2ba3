package studio.northwind.bench;

import java.sql.Connection;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.SpringApplication;

/**
 * {@code java -jar bench-baselines.jar <command> ...}:
 * <ul>
 * <li>{@code raw|webflux|seed HOST PORT JDBC_URL}: Reactor Netty alone, a plain Spring
 * WebFlux controller, or the 50 benchmark rows put in a database ({@code port} ignored).
 * An H2 URL (the server's own database) gets the table and rows created by the server
 * itself.</li>
 * <li>{@code raw-realtime HOST HTTP_PORT TCP_PORT}: Reactor Netty alone answering the
 * WebSocket and TCP envelope scenarios ({@link RawRealtime}).</li>
 * <li>{@code ws-load} and {@code tcp-load}: the load client of those scenarios
 * ({@link LoadClient}).</li>
 * <li>{@code list-export HOST PORT JDBC_URL} and {@code seed-export JDBC_URL ROWS}: the
 * export built as one list ({@link ListExport}), and its rows.</li>
 * </ul>
 */
public final class Baselines {

	private static final String USAGE = "usage: bench-baselines.jar raw|webflux|seed HOST PORT JDBC_URL\n"
			+ "       bench-baselines.jar raw-realtime HOST HTTP_PORT TCP_PORT\n"
			+ "       bench-baselines.jar ws-load|tcp-load TARGET CONNECTIONS WINDOW WARMUP DURATION [BODY]\n"
			+ "       bench-baselines.jar list-export HOST PORT JDBC_URL | seed-export JDBC_URL ROWS";

	private Baselines() {
	}

	public static void main(String[] args) throws Exception {
		String command = (args.length > 0) ? args[0] : "";
		switch (command) {
			case "raw-realtime" -> {
				usage(args.length == 4);
				RawRealtime.start(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3])).onDispose().block();
			}
			case "ws-load", "tcp-load" -> LoadClient.run(command, args);
			case "list-export" -> {
				usage(args.length == 4);
				ListExport.start(args[1], Integer.parseInt(args[2]), dataSource(args[3], 2)).onDispose().block();
			}
			case "seed-export" -> {
				usage(args.length == 3);
				try (HikariDataSource dataSource = dataSource(args[1], 1);
						Connection connection = dataSource.getConnection()) {
					ListExport.seed(connection, Long.parseLong(args[2]));
				}
			}
			default -> {
				usage(args.length == 4);
				database(args);
			}
		}
	}

	private static void usage(boolean valid) {
		if (!valid) {
			System.err.println(USAGE);
			System.exit(2);
		}
	}

	private static void database(String[] args) throws Exception {
		String host = args[1];
		int port = Integer.parseInt(args[2]);
		String url = args[3];
		int workers = Runtime.getRuntime().availableProcessors();
		switch (args[0]) {
			case "seed" -> {
				try (HikariDataSource dataSource = dataSource(url, 1);
						Connection connection = dataSource.getConnection()) {
					TaskRows.seed(connection);
					TaskRows.continueIdsAfterSeed(connection);
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
				System.err.println("unknown command " + args[0] + "\n" + USAGE);
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

	/**
	 * An H2 database is the server's own: create and fill it. PostgreSQL is shared and
	 * filled by {@code seed}.
	 */
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
