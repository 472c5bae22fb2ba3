package dev.moonlight.jobs;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.RowMapper;

import dev.moonlight.dispatch.Caller;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link Job} as a row of {@code moonlight_jobs} and back; the payload and the caller
 * are stored as JSON.
 */
final class JobRowMapper implements RowMapper<Job> {

	private final JsonMapper mapper;

	JobRowMapper(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/** The columns {@link #bind} fills, in its order. */
	static final String INSERT_COLUMNS = "id, pipeline, version, service, action, payload, status, priority, attempts,"
			+ " max_attempts, created_by, run_as, last_error, created_at, available_at, started_at, finished_at";

	/**
	 * Sets the 17 parameters of an insert of {@code job} (columns as
	 * {@link #INSERT_COLUMNS}), each with its SQL type: a null of unknown type would make
	 * Spring ask the driver for the statement's parameter types, one more round trip per
	 * statement on PostgreSQL.
	 */
	void bind(PreparedStatement ps, Job job) throws SQLException {
		ps.setString(1, job.id());
		ps.setString(2, job.pipeline());
		ps.setString(3, job.version());
		ps.setString(4, job.service());
		ps.setString(5, job.action());
		ps.setString(6, mapper.writeValueAsString(job.payload()));
		ps.setString(7, job.status().wire());
		ps.setInt(8, job.priority());
		ps.setInt(9, job.attempts());
		ps.setInt(10, job.maxAttempts());
		text(ps, 11, job.createdBy());
		text(ps, 12, writeCaller(job.runAs()));
		text(ps, 13, job.lastError());
		time(ps, 14, job.createdAt());
		time(ps, 15, job.availableAt());
		time(ps, 16, job.startedAt());
		time(ps, 17, job.finishedAt());
	}

	static void text(PreparedStatement ps, int index, String value) throws SQLException {
		if (value != null) {
			ps.setString(index, value);
		}
		else {
			ps.setNull(index, Types.VARCHAR);
		}
	}

	static void time(PreparedStatement ps, int index, Instant value) throws SQLException {
		if (value != null) {
			ps.setObject(index, JdbcJobStore.time(value));
		}
		else {
			ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
		}
	}

	@Override
	public Job mapRow(ResultSet rs, int rowNum) throws SQLException {
		return new Job(rs.getString("id"), rs.getString("pipeline"), rs.getString("version"), rs.getString("service"),
				rs.getString("action"), (ObjectNode) mapper.readTree(rs.getString("payload")),
				JobStatus.of(rs.getString("status")), rs.getInt("priority"), rs.getInt("attempts"),
				rs.getInt("max_attempts"), rs.getString("created_by"), readCaller(rs.getString("run_as")),
				rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "available_at"),
				instant(rs, "started_at"), instant(rs, "finished_at"));
	}

	private String writeCaller(Caller caller) {
		return (caller == null || caller.equals(Caller.ANONYMOUS)) ? null : mapper.writeValueAsString(caller);
	}

	private Caller readCaller(String json) {
		return (json == null) ? Caller.ANONYMOUS : mapper.readValue(json, Caller.class);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return (time != null) ? time.toInstant() : null;
	}

}
