package dev.moonlight.jmh;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.moonlight.dispatch.Action;
import dev.moonlight.dispatch.MoonlightService;

/** The service the dispatch benchmark calls: a 50-row list like task.list's, and a validated echo. */
@MoonlightService("bench")
public class BenchService {

	/** A task row as DeskFlow serialises it. */
	public record Row(long id, String title, String description, String status, String assignee, Long projectId,
			String dueDate, Instant createdAt, Instant updatedAt) {
	}

	/** A small validated parameter record. */
	public record EchoParams(@NotBlank @Size(min = 3, max = 200) String title, Integer priority) {
	}

	static final List<Row> ROWS = IntStream.rangeClosed(1, 50)
		.mapToObj((i) -> new Row(i, "Review task board (#" + i + ")", null, "open", "alice@northwind.studio", null, null,
				Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i * 3600L), Instant.parse("2024-01-02T00:00:00Z")))
		.toList();

	@Action(message = "OK")
	public Map<String, Object> list() {
		return Map.of("tasks", ROWS);
	}

	@Action
	public EchoParams echo(EchoParams params) {
		return params;
	}

}
