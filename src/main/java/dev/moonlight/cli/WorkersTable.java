package dev.moonlight.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

/**
 * Renders the admin RPC's {@code workers} result, as RoadRunner's {@code rr workers}
 * does: one row per worker (number, thread id, state, executions, CPU time, bytes
 * allocated, the thread's age, running action and its age), then the queue, the
 * supervisor when it recycles threads, and the process (RSS, heap, GC, connections).
 * Fetching stays in {@link WorkersCommand}.
 */
final class WorkersTable {

	private static final String[] HEADINGS = { "WORKER", "THREAD", "STATE", "EXECUTIONS", "CPU", "ALLOCATED", "UP",
			"ACTION", "AGE" };

	private static final String NONE = "-";

	private WorkersTable() {
	}

	static String render(JsonNode result) {
		List<String[]> rows = new ArrayList<>();
		rows.add(HEADINGS);
		for (JsonNode worker : result.path("workers")) {
			rows.add(row(worker));
		}
		StringBuilder out = new StringBuilder(table(rows));
		out.append(queue(result.path("pool"))).append(System.lineSeparator());
		String supervisor = supervisor(result.path("pool"));
		if (!supervisor.isEmpty()) {
			out.append(supervisor).append(System.lineSeparator());
		}
		if (result.has("process")) {
			out.append(process(result.path("process"))).append(System.lineSeparator());
			String instance = result.path("process").path("instance").asString("");
			if (!instance.isEmpty()) {
				// The id the logs and metrics of this process carry.
				out.append("instance: ").append(instance).append(System.lineSeparator());
			}
		}
		return out.toString();
	}

	private static String[] row(JsonNode worker) {
		boolean busy = worker.path("state").asString().equals("working");
		long cpu = worker.path("cpu_ns").asLong(-1);
		return new String[] { worker.path("id").asString(), worker.path("thread_id").asString(NONE),
				worker.path("state").asString(), worker.path("executions").asString(),
				(cpu < 0) ? NONE : age(cpu / 1_000_000), bytes(worker.path("allocated_bytes").asLong(-1)),
				worker.has("age_ms") ? age(worker.path("age_ms").asLong()) : NONE,
				busy ? worker.path("action").asString(NONE) : NONE,
				busy ? age(worker.path("busy_ms").asLong()) : NONE };
	}

	private static String table(List<String[]> rows) {
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
		return out.toString();
	}

	static String queue(JsonNode pool) {
		long max = pool.path("max_queue_size").asLong();
		return "queue: " + pool.path("queued").asLong() + " waiting (" + ((max > 0) ? "max " + max : "unbounded")
				+ "), " + pool.path("busy").asLong() + " of " + pool.path("workers").asLong() + " workers busy; "
				+ pool.path("executions").asLong() + " executions, " + pool.path("rejections").asLong()
				+ " rejected (503), " + pool.path("timeouts").asLong() + " timed out (504)";
	}

	/**
	 * {@code supervisor: max_jobs 1000, ttl 1h0m0s, idle_ttl 5m 00s; 3 of 4 threads
	 * running, 12 recycled}, or empty when no key is set.
	 */
	static String supervisor(JsonNode pool) {
		List<String> keys = new ArrayList<>();
		if (pool.path("max_jobs").asLong() > 0) {
			keys.add("max_jobs " + pool.path("max_jobs").asLong());
		}
		if (pool.path("ttl_ms").asLong() > 0) {
			keys.add("ttl " + age(pool.path("ttl_ms").asLong()));
		}
		if (pool.path("idle_ttl_ms").asLong() > 0) {
			keys.add("idle_ttl " + age(pool.path("idle_ttl_ms").asLong()));
		}
		if (pool.path("max_worker_memory_mb").asLong() > 0) {
			keys.add("max_worker_memory " + pool.path("max_worker_memory_mb").asLong() + " MB");
		}
		if (keys.isEmpty()) {
			return "";
		}
		return "supervisor: " + String.join(", ", keys) + "; " + pool.path("threads").asLong() + " of "
				+ pool.path("workers").asLong() + " threads running, " + pool.path("recycled").asLong() + " recycled";
	}

	/**
	 * {@code process: pid 4242, RSS 212.4 MB, heap 80.1 MB used of 128.0 MB committed,
	 * GC 12 in 140ms, HTTP connections 3}.
	 */
	static String process(JsonNode process) {
		long connections = process.path("connections").asLong(-1);
		return "process: pid " + process.path("pid").asLong() + ", RSS " + bytes(process.path("rss_bytes").asLong(-1))
				+ ", heap " + bytes(process.path("heap_used_bytes").asLong(-1)) + " used of "
				+ bytes(process.path("heap_committed_bytes").asLong(-1)) + " committed, GC "
				+ process.path("gc_count").asLong() + " in " + age(process.path("gc_ms").asLong()) + ", "
				+ ((connections < 0) ? "no web server" : "HTTP connections " + connections);
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

	/**
	 * {@code 512 B}, {@code 1.5 KB}, {@code 212.4 MB}, {@code 1.1 GB}; {@code -} if
	 * unknown.
	 */
	static String bytes(long bytes) {
		if (bytes < 0) {
			return NONE;
		}
		if (bytes < 1024) {
			return bytes + " B";
		}
		String[] units = { "KB", "MB", "GB", "TB" };
		double value = bytes / 1024.0;
		int unit = 0;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
	}

}
