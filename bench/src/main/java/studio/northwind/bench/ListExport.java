package studio.northwind.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The export as most code writes it first, the baseline of {@code bench/export.sh}: every
 * task read into one list, the envelope serialised into one array, then sent. Same query,
 * same JSON as DeskFlow's streamed {@code task.export}.
 */
final class ListExport {

	private static final String QUERY = "SELECT id, title, description, status, assignee, project_id, due_date,"
			+ " created_at, updated_at FROM tasks ORDER BY id";

	private static final long SLICE = 50_000;

	private ListExport() {
	}

	static DisposableServer start(String host, int port, DataSource dataSource) {
		JsonMapper json = JsonMapper.builder().build();
		return HttpServer.create()
			.host(host)
			.port(port)
			.route((routes) -> routes.get("/api/v1/ping", (request, response) -> response.sendString(Mono.just("pong")))
				.post("/api/v1/", (request, response) -> request.receive().then(Mono.fromCallable(() -> {
					Map<String, Object> envelope = new LinkedHashMap<>();
					envelope.put("returnCode", 0);
					envelope.put("returnMessage", "OK");
					envelope.put("returnData", all(dataSource));
					envelope.put("extraData", null);
					return json.writeValueAsBytes(envelope);
				}).subscribeOn(Schedulers.boundedElastic()))
					.flatMap((body) -> response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
						.send(Mono.just(Unpooled.wrappedBuffer(body)))
						.then())))
			.bindNow();
	}

	private static List<Map<String, Object>> all(DataSource dataSource) throws SQLException {
		List<Map<String, Object>> tasks = new ArrayList<>();
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(QUERY)) {
			while (rows.next()) {
				Map<String, Object> task = new LinkedHashMap<>();
				task.put("id", rows.getLong(1));
				task.put("title", rows.getString(2));
				task.put("description", rows.getString(3));
				task.put("status", rows.getString(4));
				task.put("assignee", rows.getString(5));
				long project = rows.getLong(6);
				task.put("project_id", rows.wasNull() ? null : project);
				task.put("due_date", (rows.getDate(7) != null) ? rows.getDate(7).toString() : null);
				task.put("created_at", instant(rows.getTimestamp(8)));
				task.put("updated_at", instant(rows.getTimestamp(9)));
				tasks.add(task);
			}
		}
		return tasks;
	}

	private static String instant(Timestamp value) {
		return (value != null) ? value.toInstant().toString() : null;
	}

	/**
	 * Replaces every task with {@code count} generated ones, in one statement (H2's
	 * {@code SYSTEM_RANGE}, PostgreSQL's {@code generate_series}).
	 */
	static void seed(Connection connection, long count) throws SQLException {
		boolean h2 = "H2".equals(connection.getMetaData().getDatabaseProductName());
		String text = h2 ? "CAST(n AS VARCHAR)" : "n::text";
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.executeUpdate("DELETE FROM tasks");
			connection.commit();
			// In committed slices: a million rows in one transaction crawl on H2.
			for (long from = 1; from <= count; from += SLICE) {
				long to = Math.min(count, from + SLICE - 1);
				String series = h2 ? "SYSTEM_RANGE(" + from + ", " + to + ") AS s(n)"
						: "generate_series(" + from + ", " + to + ") AS s(n)";
				statement.executeUpdate("INSERT INTO tasks (title, description, status, assignee, created_at,"
						+ " updated_at) SELECT 'Exported task #' || " + text + ", 'A task of the export benchmark',"
						+ " 'open', 'alex@northwind.studio', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM " + series);
				connection.commit();
			}
			if (!h2) {
				// The statistics autovacuum would gather soon: without them the
				// planner takes the table for unordered and sorts it all before
				// the first row.
				connection.setAutoCommit(true);
				statement.execute("ANALYZE tasks");
			}
		}
	}

}
