package studio.northwind.bench;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

import javax.sql.DataSource;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * DeskFlow's {@code task.list} done by hand: the same query and the same envelope bytes
 * (field order, snake_case, ISO timestamps), streamed with Jackson. What the framework
 * adds on top of this is what the benchmark measures.
 */
final class TaskJson {

	static final String QUERY = "SELECT id, title, description, status, assignee, project_id, due_date, created_at,"
			+ " updated_at FROM tasks ORDER BY id LIMIT 1000";

	static final byte[] PONG = "{\"returnCode\":0,\"returnMessage\":\"pong\",\"returnData\":null,\"extraData\":null}"
		.getBytes(java.nio.charset.StandardCharsets.UTF_8);

	private final JsonMapper json = JsonMapper.builder().build();

	private final DataSource dataSource;

	TaskJson(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	byte[] list() throws SQLException {
		ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
		try (Connection connection = dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(QUERY);
				ResultSet rows = statement.executeQuery();
				JsonGenerator generator = json.createGenerator(out)) {
			generator.writeStartObject();
			generator.writeNumberProperty("returnCode", 0);
			generator.writeStringProperty("returnMessage", "OK");
			generator.writeName("returnData");
			generator.writeStartObject();
			generator.writeName("tasks");
			generator.writeStartArray();
			while (rows.next()) {
				row(rows, generator);
			}
			generator.writeEndArray();
			generator.writeEndObject();
			generator.writeNullProperty("extraData");
			generator.writeEndObject();
		}
		return out.toByteArray();
	}

	private static void row(ResultSet rows, JsonGenerator generator) throws SQLException {
		generator.writeStartObject();
		generator.writeNumberProperty("id", rows.getLong(1));
		generator.writeStringProperty("title", rows.getString(2));
		generator.writeStringProperty("description", rows.getString(3));
		generator.writeStringProperty("status", rows.getString(4));
		generator.writeStringProperty("assignee", rows.getString(5));
		long project = rows.getLong(6);
		generator.writeName("project_id");
		if (rows.wasNull()) {
			generator.writeNull();
		}
		else {
			generator.writeNumber(project);
		}
		Date due = rows.getDate(7);
		generator.writeStringProperty("due_date", (due != null) ? due.toLocalDate().toString() : null);
		generator.writeStringProperty("created_at", instant(rows.getTimestamp(8)));
		generator.writeStringProperty("updated_at", instant(rows.getTimestamp(9)));
		generator.writeEndObject();
	}

	private static String instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant().toString() : null;
	}

}
