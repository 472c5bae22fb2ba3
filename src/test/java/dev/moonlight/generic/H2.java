package dev.moonlight.generic;

import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Test helpers: a fresh in-memory H2 in PostgreSQL mode, and request parameters from JSON
 * text.
 */
final class H2 {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private H2() {
	}

	/**
	 * A new, empty database that lives until the JVM exits; the name keeps tests apart.
	 */
	static DataSource database() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:generic-" + UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
		return dataSource;
	}

	static ObjectNode params(String json) {
		return (ObjectNode) JSON.readTree(json);
	}

}
