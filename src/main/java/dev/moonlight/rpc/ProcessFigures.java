package dev.moonlight.rpc;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.node.ObjectNode;

/**
 * The process as {@code workers} shows it under the pool: resident memory (Linux's
 * {@code VmRSS}), the heap used and committed, the time spent collecting garbage, and the
 * HTTP connections open. Read when asked, from what the JVM and the kernel keep anyway.
 */
final class ProcessFigures {

	private static final Path STATUS = Path.of("/proc/self/status");

	private ProcessFigures() {
	}

	/**
	 * @param into the object to fill
	 * @param connections the open HTTP connections, or -1 without a web server
	 */
	static ObjectNode fill(ObjectNode into, int connections) {
		MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
		long collections = 0;
		long collecting = 0;
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			collections += Math.max(0, collector.getCollectionCount());
			collecting += Math.max(0, collector.getCollectionTime());
		}
		into.put("pid", ProcessHandle.current().pid());
		into.put("rss_bytes", residentBytes());
		into.put("heap_used_bytes", heap.getUsed());
		into.put("heap_committed_bytes", heap.getCommitted());
		into.put("heap_max_bytes", heap.getMax());
		into.put("gc_count", collections);
		into.put("gc_ms", collecting);
		into.put("connections", connections);
		return into;
	}

	/** {@code VmRSS} of {@code /proc/self/status}, or -1 where there is none. */
	static long residentBytes() {
		try {
			for (String line : Files.readAllLines(STATUS, StandardCharsets.UTF_8)) {
				if (line.startsWith("VmRSS:")) {
					return kilobytes(line.substring("VmRSS:".length())) * 1024;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Not Linux, or no procfs: the figure is simply unknown.
		}
		return -1;
	}

	/** {@code "  204800 kB"} is 204800. */
	static long kilobytes(String value) {
		String digits = value.strip();
		int space = digits.indexOf(' ');
		return Long.parseLong((space < 0) ? digits : digits.substring(0, space));
	}

}
