package dev.moonlight.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

/**
 * Renders the admin RPC's {@code workers} result: one row per worker (number, state,
 * executions, running action and its age), then the queue line. Fetching stays in
 * {@link WorkersCommand}.
 */
final class WorkersTable {

	private static final String[] HEADINGS = { "WORKER", "STATE", "EXECUTIONS", "ACTION", "AGE" };

	private WorkersTable() {
	}

	static String render(JsonNode result) {
		List<String[]> rows = new ArrayList<>();
		rows.add(HEADINGS);
		for (JsonNode worker : result.path("workers")) {
			boolean busy = worker.path("state").asString().equals("working");
			rows.add(new String[] { worker.path("id").asString(), worker.path("state").asString(),
					worker.path("executions").asString(), busy ? worker.path("action").asString("-") : "-",
					busy ? age(worker.path("busy_ms").asLong()) : "-" });
		}
		int[] widths = new int[HEADINGS.length];
		for (String[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		StringBuilder out = new StringBuilder();
		for (String[] row : rows) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < row.length; i++) {
				line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
			}
			out.append(line.toString().stripTrailing()).append(System.lineSeparator());
		}
		return out.append(queue(result.path("pool"))).append(System.lineSeparator()).toString();
	}

	static String queue(JsonNode pool) {
		long max = pool.path("max_queue_size").asLong();
		return "queue: " + pool.path("queued").asLong() + " waiting (" + ((max > 0) ? "max " + max : "unbounded")
				+ "), " + pool.path("busy").asLong() + " of " + pool.path("workers").asLong() + " workers busy; "
				+ pool.path("executions").asLong() + " executions, " + pool.path("rejections").asLong()
				+ " rejected (503), " + pool.path("timeouts").asLong() + " timed out (504)";
	}

	/** {@code 850ms}, {@code 4.2s}, {@code 3m 07s}. */
	static String age(long millis) {
		if (millis < 1000) {
			return millis + "ms";
		}
		if (millis < 60_000) {
			return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
		}
		return String.format(Locale.ROOT, "%dm %02ds", millis / 60_000, (millis / 1000) % 60);
	}

}
