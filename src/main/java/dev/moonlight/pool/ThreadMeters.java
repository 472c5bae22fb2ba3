package dev.moonlight.pool;

import java.lang.management.ManagementFactory;

/**
 * A worker thread's CPU time and the bytes it has allocated, from the JVM's
 * {@link com.sun.management.ThreadMXBean}; -1 where the JVM does not measure them. Read
 * when {@code workers} asks, never on a call's path.
 */
final class ThreadMeters {

	static final ThreadMeters JVM = new ThreadMeters();

	private final java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private ThreadMeters() {
	}

	long cpuNanos(Thread thread) {
		try {
			return (threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled())
					? threads.getThreadCpuTime(thread.getId()) : -1;
		}
		catch (UnsupportedOperationException ex) {
			return -1;
		}
	}

	long allocatedBytes(Thread thread) {
		if (threads instanceof com.sun.management.ThreadMXBean measured && measured.isThreadAllocatedMemorySupported()
				&& measured.isThreadAllocatedMemoryEnabled()) {
			return measured.getThreadAllocatedBytes(thread.getId());
		}
		return -1;
	}

}
