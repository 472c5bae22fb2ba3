package studio.northwind.bench;

import java.time.Duration;

/**
 * The load client's timeline: warm-up, then the measured span; nothing is sent after it.
 * Set once, read by every flow.
 */
final class Clock {

	private volatile long measureFrom = Long.MAX_VALUE;

	private volatile long end = Long.MAX_VALUE;

	void begin(Duration warmup, Duration measured) {
		long from = System.nanoTime() + warmup.toNanos();
		this.end = from + measured.toNanos();
		this.measureFrom = from;
	}

	boolean measuring(long now) {
		return now >= measureFrom && now < end;
	}

	boolean sending(long now) {
		return now < end;
	}

	/** Nanoseconds from now to the end. */
	long remaining() {
		return end - System.nanoTime();
	}

}
