package dev.moonlight.testing;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;

/**
 * Collects what Netty's leak detector reports in this JVM. The suite runs with
 * {@code io.netty.leakDetection.level=paranoid} (pom.xml), so every buffer is tracked; a
 * buffer that is garbage collected without being released is reported the next time a
 * buffer is allocated. The detectors are Netty's own, made by a factory installed before
 * the first buffer class is loaded, with the report also kept here so a test can fail on
 * it instead of a line in a log nobody reads.
 */
public final class NettyLeaks {

	/**
	 * The JVM's reports not yet collected; shared by every detector Netty makes, hence
	 * static.
	 */
	private static final Queue<String> REPORTS = new ConcurrentLinkedQueue<>();

	private static final AtomicLong COUNT = new AtomicLong();

	private static final int GC_ROUNDS = 2;

	private static final long SENTINEL_WAIT_MILLIS = 2000;

	private NettyLeaks() {
	}

	/**
	 * Installs the recording factory; must run before Netty creates its buffer leak
	 * detector (first allocation).
	 */
	static synchronized void install() {
		if (!(ResourceLeakDetectorFactory.instance() instanceof RecordingFactory)) {
			ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
		}
	}

	/**
	 * Collects garbage, lets the detector look at what was collected (it does so on
	 * allocation) and takes the reports made since the last call. {@link LeakCheck} takes
	 * them after each class; a test that takes them must mean to (a leak made on
	 * purpose): to check that it leaked nothing, a test compares {@link #reported()}.
	 */
	public static List<String> collect() {
		poll();
		List<String> reports = new ArrayList<>();
		for (String report = REPORTS.poll(); report != null; report = REPORTS.poll()) {
			reports.add(report);
		}
		return reports;
	}

	/**
	 * How many leaks were reported in this JVM so far, after a collection; leaves the
	 * reports to {@link LeakCheck}.
	 */
	public static long reported() {
		poll();
		return COUNT.get();
	}

	private static void poll() {
		for (int round = 0; round < GC_ROUNDS; round++) {
			collectGarbage();
			ByteBuf probe = ByteBufAllocator.DEFAULT.directBuffer(1);
			probe.release();
			ByteBuf heapProbe = ByteBufAllocator.DEFAULT.heapBuffer(1);
			heapProbe.release();
		}
	}

	/**
	 * A full collection, then a wait until the reference handler thread has enqueued what
	 * it cleared: a sentinel of our own, cleared in the same collection, is enqueued with
	 * the buffers the detector watches.
	 */
	private static void collectGarbage() {
		ReferenceQueue<Object> queue = new ReferenceQueue<>();
		WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
		System.gc();
		try {
			queue.remove(SENTINEL_WAIT_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		sentinel.clear();
	}

	/**
	 * Keeps a report unless the buffer was read by an HTTP client's codec: WebTestClient
	 * leaves the body of an exchange whose test never reads it (an {@code expectStatus()}
	 * alone) unreleased. That is the test's client, not the server under test, whose
	 * leaks are what the check is for.
	 */
	private static void record(String report) {
		if (report.contains("HttpClientCodec")) {
			return;
		}
		COUNT.incrementAndGet();
		REPORTS.add(report);
	}

	private static final class RecordingFactory extends ResourceLeakDetectorFactory {

		@Override
		public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
				long maxActive) {
			return new RecordingDetector<>(resource, samplingInterval);
		}

	}

	private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {

		RecordingDetector(Class<T> resource, int samplingInterval) {
			super(resource, samplingInterval);
		}

		@Override
		protected void reportTracedLeak(String resourceType, String records) {
			record("LEAK: " + resourceType + ".release() was not called before it was garbage-collected." + records);
			super.reportTracedLeak(resourceType, records);
		}

		@Override
		protected void reportUntracedLeak(String resourceType) {
			record("LEAK: " + resourceType + ".release() was not called before it was garbage-collected "
					+ "(no access records: run with io.netty.leakDetection.level=paranoid).");
			super.reportUntracedLeak(resourceType);
		}

		/**
		 * Always report, whatever the log level: the test fails on the report, not on the
		 * log line.
		 */
		@Override
		protected boolean needReport() {
			return true;
		}

	}

}
