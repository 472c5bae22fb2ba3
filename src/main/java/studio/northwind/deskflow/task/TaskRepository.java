package studio.northwind.deskflow.task;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.moonlight.database.GroupCommit;
import dev.moonlight.database.JdbcCursor;
import dev.moonlight.dispatch.Cursor;
import dev.moonlight.database.WriteStatement;

/**
 * The {@code tasks} table through {@link JdbcClient}. Every value is a named parameter;
 * the only text appended to the SQL is fixed in this class or comes from an allow-list
 * ({@link TaskQuery#SORTABLE}, {@link #COLUMNS}).
 */
@Repository
class TaskRepository {

	private static final String SELECT = "SELECT id, title, description, status, assignee, project_id, due_date,"
			+ " created_at, updated_at FROM tasks";

	private static final String INSERT = "INSERT INTO tasks (title, description, status, assignee, project_id,"
			+ " due_date) VALUES (?, ?, ?, ?, ?, ?)";

	/**
	 * {@link #SELECT}'s columns in its order, handed back by the insert itself, so
	 * {@link #task} reads them.
	 */
	private static final List<String> RETURNED = List.of("id", "title", "description", "status", "assignee",
			"project_id", "due_date", "created_at", "updated_at");

	/**
	 * The columns {@link #update} may set, so a caller's map can never name any other.
	 */
	static final List<String> COLUMNS = List.of("title", "description", "status", "assignee", "project_id", "due_date");

	private final JdbcClient jdbc;

	private final GroupCommit commits;

	private final DataSource dataSource;

	TaskRepository(JdbcClient jdbc, GroupCommit commits, DataSource dataSource) {
		this.jdbc = jdbc;
		this.commits = commits;
		this.dataSource = dataSource;
	}

	/** Up to {@link TaskQuery#MAX_ROWS} tasks, for a list without pagination. */
	List<Task> find(TaskQuery query) {
		Map<String, Object> params = filters(query);
		// The limit is written into the SQL: H2 caches a parsed statement by its text
		// only when LIMIT is no parameter.
		String sql = SELECT + where(params) + " ORDER BY " + query.sort().toSql() + " LIMIT " + TaskQuery.MAX_ROWS;
		return jdbc.sql(sql).params(params).query(TaskRepository::task).list();
	}

	List<Task> find(TaskQuery query, int limit, long offset) {
		Map<String, Object> params = filters(query);
		String sql = SELECT + where(params) + " ORDER BY " + query.sort().toSql() + " LIMIT :limit OFFSET :offset";
		params.put("limit", limit);
		params.put("offset", offset);
		return jdbc.sql(sql).params(params).query(TaskRepository::task).list();
	}

	/**
	 * Every task the query's filters select, in its order, read {@code fetchSize} rows at
	 * a time as the client takes them; no limit, no page.
	 */
	Cursor<Task> export(TaskQuery query, int fetchSize) {
		Map<String, Object> filters = filters(query);
		String where = filters.isEmpty() ? ""
				: filters.keySet()
					.stream()
					.map((column) -> column + " = ?")
					.collect(Collectors.joining(" AND ", " WHERE ", ""));
		String sql = SELECT + where + " ORDER BY " + query.sort().toSql();
		return JdbcCursor.open(dataSource, sql, List.copyOf(filters.values()), TaskRepository::task, fetchSize);
	}

	long count(TaskQuery query) {
		Map<String, Object> params = filters(query);
		return jdbc.sql("SELECT COUNT(*) FROM tasks" + where(params)).params(params).query(Long.class).single();
	}

	Optional<Task> findById(long id) {
		return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(TaskRepository::task).optional();
	}

	/**
	 * Stores a new task and answers it as stored (id and timestamps from the database),
	 * in one statement: the row comes back as the insert's generated keys (PostgreSQL's
	 * {@code RETURNING}, H2's own), where a second {@code SELECT} cost a round trip per
	 * create. The insert shares its commit, and its JDBC batch, with the creates of other
	 * calls ({@link GroupCommit}); the stage completes once that commit is durable.
	 */
	CompletionStage<Task> insert(Task task) {
		return commits.write("task.create", new WriteStatement<>(INSERT, RETURNED, (insert) -> {
			insert.setString(1, task.title());
			insert.setObject(2, task.description(), Types.VARCHAR);
			insert.setString(3, task.status());
			insert.setObject(4, task.assignee(), Types.VARCHAR);
			insert.setObject(5, task.projectId(), Types.BIGINT);
			insert.setObject(6, (task.dueDate() != null) ? Date.valueOf(task.dueDate()) : null, Types.DATE);
		}, TaskRepository::task));
	}

	/**
	 * Sets the given columns (keys from {@link #COLUMNS}) and {@code updated_at}; false
	 * when no such task.
	 */
	boolean update(long id, Map<String, Object> changes) {
		if (!COLUMNS.containsAll(changes.keySet())) {
			throw new IllegalArgumentException("Not task columns: " + changes.keySet());
		}
		StringBuilder sql = new StringBuilder("UPDATE tasks SET ");
		changes.keySet().forEach((column) -> sql.append(column).append(" = :").append(column).append(", "));
		sql.append("updated_at = CURRENT_TIMESTAMP WHERE id = :id");
		Map<String, Object> params = new LinkedHashMap<>(changes);
		params.put("id", id);
		return jdbc.sql(sql.toString()).params(params).update() == 1;
	}

	boolean delete(long id) {
		return jdbc.sql("DELETE FROM tasks WHERE id = :id").param("id", id).update() == 1;
	}

	/**
	 * The filters the query sets, keyed by column; a mutable map so the caller can add
	 * its own parameters.
	 */
	private static Map<String, Object> filters(TaskQuery query) {
		Map<String, Object> filters = new LinkedHashMap<>();
		if (query.status() != null) {
			filters.put("status", query.status());
		}
		if (query.assignee() != null) {
			filters.put("assignee", query.assignee());
		}
		if (query.projectId() != null) {
			filters.put("project_id", query.projectId());
		}
		return filters;
	}

	/**
	 * Equality on each filter; the keys are the fixed column names set in
	 * {@link #filters}.
	 */
	private static String where(Map<String, Object> filters) {
		return filters.isEmpty() ? ""
				: filters.keySet()
					.stream()
					.map((column) -> column + " = :" + column)
					.collect(Collectors.joining(" AND ", " WHERE ", ""));
	}

	/**
	 * By position, in {@link #SELECT}'s order: a name lookup per column per row shows in
	 * a list's profile.
	 */
	private static Task task(ResultSet rs, int row) throws SQLException {
		long project = rs.getLong(6);
		Long projectId = rs.wasNull() ? null : project;
		Date due = rs.getDate(7);
		return new Task(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), projectId,
				(due != null) ? due.toLocalDate() : null, instant(rs, 8), instant(rs, 9));
	}

	/**
	 * {@code TIMESTAMP WITH TIME ZONE} as a {@code Timestamp}: the same instant from H2
	 * and pgjdbc, and much cheaper than H2's conversion to {@code OffsetDateTime}.
	 */
	private static Instant instant(ResultSet rs, int column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

}
