package dev.moonlight.generic;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.RowMapper;

/**
 * Maps a row to a {@code LinkedHashMap} in column order with lowercase keys, ready for
 * JSON. H2 and PostgreSQL hand back different Java types for the same column (H2 an
 * {@code OffsetDateTime}, pgjdbc a {@code Timestamp}), so temporal values become ISO-8601
 * strings here and both databases answer with the same JSON.
 */
public final class JsonRowMapper implements RowMapper<Map<String, Object>> {

	/** The mapper holds no state, so one instance serves every query. */
	public static final JsonRowMapper INSTANCE = new JsonRowMapper();

	private JsonRowMapper() {
	}

	@Override
	public Map<String, Object> mapRow(ResultSet rs, int rowNum) throws SQLException {
		ResultSetMetaData meta = rs.getMetaData();
		Map<String, Object> row = new LinkedHashMap<>();
		for (int i = 1; i <= meta.getColumnCount(); i++) {
			row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), read(rs, i, meta));
		}
		return row;
	}

	private static Object read(ResultSet rs, int column, ResultSetMetaData meta) throws SQLException {
		switch (meta.getColumnType(column)) {
			case Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP:
				return timestamp(rs, column, meta.getColumnTypeName(column));
			case Types.DATE:
				LocalDate date = rs.getObject(column, LocalDate.class);
				return (date != null) ? date.toString() : null;
			case Types.CLOB, Types.NCLOB:
				return rs.getString(column);
			default:
				return rs.getObject(column);
		}
	}

	/**
	 * An instant in UTC ({@code 2026-05-04T09:30:00Z}) for zoned columns, local ISO text
	 * for plain timestamps.
	 */
	private static String timestamp(ResultSet rs, int column, String typeName) throws SQLException {
		String type = typeName.toLowerCase(Locale.ROOT);
		if (type.contains("tz") || type.contains("time zone")) {
			OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
			return (value != null) ? value.toInstant().toString() : null;
		}
		LocalDateTime value = rs.getObject(column, LocalDateTime.class);
		return (value != null) ? value.toString() : null;
	}

}
