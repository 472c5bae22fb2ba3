package studio.northwind.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The 50 tasks of the PHP baseline (same ids, titles, assignees, projects and timestamps;
 * its statuses mapped onto DeskFlow's four), so every server in the benchmark serialises
 * the same rows.
 */
final class TaskRows {

	static final int COUNT = 50;

	private static final String[] VERBS = { "Write", "Review", "Fix", "Deploy", "Test", "Design", "Document",
			"Refactor" };

	private static final String[] THINGS = { "login form", "task board", "API envelope", "search index", "CI pipeline",
			"release notes", "user settings", "billing page", "audit log", "dark mode" };

	/** The baseline's todo, doing, review, done. */
	private static final String[] STATUSES = { "open", "in_progress", "in_progress", "done" };

	private static final String[] PEOPLE = { "alice", "bob", "carol", "dave", "erin", null };

	private static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");

	/**
	 * The columns the baselines create when they own the table (DeskFlow's schema creates
	 * its own).
	 */
	static final String SCHEMA = "CREATE TABLE IF NOT EXISTS tasks (id BIGINT PRIMARY KEY, title VARCHAR(200) NOT NULL,"
			+ " description VARCHAR(2000), status VARCHAR(20) NOT NULL, assignee VARCHAR(254), project_id BIGINT,"
			+ " due_date DATE, created_at TIMESTAMP WITH TIME ZONE NOT NULL, updated_at TIMESTAMP WITH TIME ZONE NOT NULL)";

	private TaskRows() {
	}

	/**
	 * Replaces every task with the 50 rows; tasks referencing projects get none, as
	 * DeskFlow's FK may require.
	 */
	static void seed(Connection connection) throws SQLException {
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.executeUpdate("DELETE FROM tasks");
		}
		String insert = "INSERT INTO tasks (id, title, status, assignee, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)";
		try (PreparedStatement statement = connection.prepareStatement(insert)) {
			for (int i = 1; i <= COUNT; i++) {
				Timestamp created = Timestamp.from(BASE.plus(i * 13L, ChronoUnit.HOURS));
				statement.setLong(1, i);
				statement.setString(2,
						VERBS[i % VERBS.length] + " " + THINGS[(i * 7) % THINGS.length] + " (#" + i + ")");
				statement.setString(3, STATUSES[i % STATUSES.length]);
				String person = PEOPLE[(i * 5) % PEOPLE.length];
				statement.setString(4, (person != null) ? person + "@northwind.studio" : null);
				statement.setTimestamp(5, created);
				statement.setTimestamp(6, created);
				statement.addBatch();
			}
			statement.executeBatch();
		}
		connection.commit();
	}

	/**
	 * Moves DeskFlow's identity past the seeded ids, so its {@code task.create} (the
	 * write scenarios) does not collide with them. DeskFlow's schema only: the baselines'
	 * own table has no identity.
	 */
	static void continueIdsAfterSeed(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.executeUpdate("ALTER TABLE tasks ALTER COLUMN id RESTART WITH " + (COUNT + 1));
		}
		connection.commit();
	}

}
