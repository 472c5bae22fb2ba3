package dev.moonlight.generic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * The SQL of one {@link GenericService}. Identifiers come from the {@link TableSpec}
 * (checked there); every value travels as a named parameter. The fixed parts of each
 * statement are built once, here in the constructor.
 */
final class TableGateway {

	private final JdbcClient jdbc;

	private final TableSpec spec;

	private final String select;

	private final String byKey;

	TableGateway(JdbcClient jdbc, TableSpec spec) {
		this.jdbc = jdbc;
		this.spec = spec;
		String columns = spec.listColumns().isEmpty() ? "*" : String.join(", ", spec.listColumns());
		this.select = "SELECT " + columns + " FROM " + spec.table();
		this.byKey = " WHERE " + spec.keyColumn() + " = :_key";
	}

	List<Map<String, Object>> select(Map<String, Object> filters, Sort sort, int limit, long offset) {
		String sql = select + where(filters) + " ORDER BY " + sort.toSql() + " LIMIT :_limit OFFSET :_offset";
		return jdbc.sql(sql)
			.params(filters)
			.param("_limit", limit)
			.param("_offset", offset)
			.query(JsonRowMapper.INSTANCE)
			.list();
	}

	/**
	 * Up to {@code limit} rows picked at random; {@code RANDOM()} is standard on both
	 * PostgreSQL and H2.
	 */
	List<Map<String, Object>> random(Map<String, Object> filters, int limit) {
		String sql = select + where(filters) + " ORDER BY RANDOM() LIMIT :_limit";
		return jdbc.sql(sql).params(filters).param("_limit", limit).query(JsonRowMapper.INSTANCE).list();
	}

	long count(Map<String, Object> filters) {
		String sql = "SELECT COUNT(*) FROM " + spec.table() + where(filters);
		return jdbc.sql(sql).params(filters).query(Long.class).single();
	}

	Optional<Map<String, Object>> find(Object key) {
		return jdbc.sql(select + byKey).param("_key", key).query(JsonRowMapper.INSTANCE).optional();
	}

	/**
	 * Inserts the row and answers its key: the one the row carries, or the one the
	 * database generated.
	 */
	Object insert(Map<String, Object> values) {
		Map<String, Object> row = new LinkedHashMap<>(values);
		// A null key would defeat the identity column; leave it out so the database
		// generates one.
		row.remove(spec.keyColumn(), null);
		String sql = row.isEmpty() ? "INSERT INTO " + spec.table() + " DEFAULT VALUES"
				: "INSERT INTO " + spec.table() + " (" + String.join(", ", row.keySet()) + ") VALUES ("
						+ row.keySet().stream().map((column) -> ":" + column).collect(Collectors.joining(", ")) + ")";
		if (row.get(spec.keyColumn()) != null) {
			jdbc.sql(sql).params(row).update();
			return row.get(spec.keyColumn());
		}
		KeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql(sql).params(row).update(keys, spec.keyColumn());
		Map<String, Object> generated = keys.getKeys();
		Object key = (generated != null) ? generated.get(spec.keyColumn()) : null;
		return (key != null) ? key : generated.values().iterator().next();
	}

	int update(Object key, Map<String, Object> changes) {
		String assignments = changes.keySet()
			.stream()
			.map((column) -> column + " = :" + column)
			.collect(Collectors.joining(", "));
		Map<String, Object> params = new LinkedHashMap<>(changes);
		params.put("_key", key);
		return jdbc.sql("UPDATE " + spec.table() + " SET " + assignments + byKey).params(params).update();
	}

	int delete(Object key) {
		return jdbc.sql("DELETE FROM " + spec.table() + byKey).param("_key", key).update();
	}

	/** Equality on each filter; a JSON {@code null} filter means {@code IS NULL}. */
	private static String where(Map<String, Object> filters) {
		if (filters.isEmpty()) {
			return "";
		}
		return " WHERE " + filters.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + ((entry.getValue() != null) ? " = :" + entry.getKey() : " IS NULL"))
			.collect(Collectors.joining(" AND "));
	}

}
