package org.springframework.boot.context.metrics.buffering;

import java.time.Clock;

/**
 * Boot's buffering startup on a clock a test moves (its constructor with a clock is
 * package-private).
 */
public final class ClockedStartup {

	private ClockedStartup() {
	}

	public static BufferingApplicationStartup of(int capacity, Clock clock) {
		return new BufferingApplicationStartup(capacity, clock);
	}

}
