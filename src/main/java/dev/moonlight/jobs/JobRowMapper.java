package dev.moonlight.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

import dev.moonlight.dispatch.Caller;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A {@link Job} as a row of {@code moonlight_jobs} and back; the payload and the caller are stored as JSON. */
final class JobRowMapper implements RowMapper<Job> {

	private final JsonMapper mapper;

	JobRowMapper(JsonMapper mapper) {
		this.mapper = mapper;
	}

	SqlParameterSource parameters(Job job) {
		return new MapSqlParameterSource()
			.addValue("id", job.id())
			.addValue("pipeline", job.pipeline())
			.addValue("version", job.version())
			.addValue("service", job.service())
			.addValue("action", job.action())
			.addValue("payload", mapper.writeValueAsString(job.payload()))
			.addValue("status", job.status().wire())
			.addValue("priority", job.priority())
			.addValue("attempts", job.attempts())
			.addValue("maxAttempts", job.maxAttempts())
			.addValue("createdBy", job.createdBy())
			.addValue("runAs", writeCaller(job.runAs()))
			.addValue("lastError", job.lastError())
			.addValue("createdAt", JdbcJobStore.time(job.createdAt()))
			.addValue("availableAt", JdbcJobStore.time(job.availableAt()))
			.addValue("startedAt", JdbcJobStore.time(job.startedAt()))
			.addValue("finishedAt", JdbcJobStore.time(job.finishedAt()));
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
