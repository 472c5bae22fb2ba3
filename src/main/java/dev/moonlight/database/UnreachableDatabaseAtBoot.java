package dev.moonlight.database;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.moonlight.config.DatabaseSettings;

/**
 * The database could not be reached, or refused the login, when the application started:
 * one paragraph naming where it was looked for, the driver's reason and what to check,
 * printed by {@link UnreachableDatabaseFailureAnalyzer}.
 */
public final class UnreachableDatabaseAtBoot extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private static final Pattern SERVER = Pattern
		.compile("^jdbc:[a-z0-9]+(?::[a-z]+)?://(\\[[^]]+]|[^/:?]+)(?::(\\d+))?(?:/([^?;]*))?");

	private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

	private final transient DatabaseSettings database;

	UnreachableDatabaseAtBoot(DatabaseSettings database, SQLException reason) {
		super(describe(database, reason), reason);
		this.database = database;
	}

	/** What to check, for the failure report's action. */
	public String whatToCheck() {
		String product = (this.database.kind() == DatabaseSettings.Kind.POSTGRESQL) ? "PostgreSQL" : "the H2 server";
		return "Check that " + product + " is running and listening on " + hostAndPort(this.database.jdbcUrl())
				+ ", that DATABASE_URL (or [db] in environment/settings.ini) names the right host, port, database, user"
				+ " and password, and that no firewall stands between; then start again.";
	}

	private static String describe(DatabaseSettings database, SQLException reason) {
		String user = (database.username() != null) ? " as " + database.username() : "";
		String state = (reason.getSQLState() != null) ? " (SQLState " + reason.getSQLState() + ")" : "";
		return "Cannot connect to the database at " + hostAndPort(database.jdbcUrl()) + ", database '"
				+ databaseName(database.jdbcUrl()) + "'" + user + ": " + reason(reason) + state + ". Nothing was"
				+ " started or migrated. The URL: " + PASSWORD.matcher(database.jdbcUrl()).replaceAll("$1******");
	}

	private static String reason(SQLException failure) {
		String message = (failure.getMessage() != null) ? failure.getMessage().strip()
				: failure.getClass().getSimpleName();
		// pgjdbc's "Connection to 127.0.0.1:5999 refused. Check that the hostname and
		// port are correct..." says more than once what this paragraph says; its first
		// sentence is the reason.
		int end = message.indexOf(". ");
		String first = (end > 0) ? message.substring(0, end) : message;
		return first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
	}

	static String hostAndPort(String jdbcUrl) {
		Matcher server = SERVER.matcher(jdbcUrl);
		if (!server.find()) {
			return jdbcUrl;
		}
		String port = (server.group(2) != null) ? server.group(2)
				: (jdbcUrl.startsWith("jdbc:postgresql:") ? "5432" : "9092");
		return server.group(1) + ":" + port;
	}

	private static String databaseName(String jdbcUrl) {
		Matcher server = SERVER.matcher(jdbcUrl);
		return (server.find() && server.group(3) != null && !server.group(3).isEmpty()) ? server.group(3) : "(default)";
	}

}
