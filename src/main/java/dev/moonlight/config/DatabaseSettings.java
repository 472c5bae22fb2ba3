package dev.moonlight.config;

import java.util.Properties;

/**
 * The database connection chosen from {@code DATABASE_URL}, the {@code [db]} section, or
 * the embedded H2 default.
 *
 * @param kind the database product
 * @param jdbcUrl the JDBC URL
 * @param username the user, or {@code null} when the URL carries it
 * @param password the password, or {@code null} when the URL carries it
 */
public record DatabaseSettings(Kind kind, String jdbcUrl, String username, String password) {

	/** The databases Moonlight's migrations run on. */
	public enum Kind {

		/**
		 * H2 in PostgreSQL mode: the zero-set-up default, a file under
		 * {@code storage/data/}.
		 */
		H2,

		/** PostgreSQL: the production database. */
		POSTGRESQL

	}

	/**
	 * The user and password as JDBC's {@code DriverManager} takes them, for a connection
	 * outside the pool.
	 */
	public Properties credentials() {
		Properties properties = new Properties();
		if (this.username != null) {
			properties.setProperty("user", this.username);
		}
		if (this.password != null) {
			properties.setProperty("password", this.password);
		}
		return properties;
	}

	/** Masks the password so the record can be logged. */
	@Override
	public String toString() {
		return "DatabaseSettings[kind=" + this.kind + ", jdbcUrl=" + this.jdbcUrl + ", username=" + this.username
				+ ", password=" + ((this.password == null) ? "null" : "******") + "]";
	}

}
