package dev.moonlight.testing;

import org.quicktheories.QuickTheory;

/**
 * Where every fuzzer starts its QuickTheories run: a new seed each run (QuickTheories
 * prints it with the smallest falsifying input; {@code -DQT_SEED=<seed>} replays it) and
 * a number of examples that {@code -Dfuzz.examples=N} lowers for a quicker run.
 */
public final class FuzzExamples {

	/** Examples of a property on a parser in memory. */
	public static final int IN_MEMORY = 1000;

	/** Examples of a property over a socket to a running server. */
	public static final int OVER_A_SOCKET = 300;

	/**
	 * Shrinking reruns the property; bounded so a failure over a socket is reported in
	 * seconds, not hours.
	 */
	private static final int SHRINK_CYCLES = 500;

	private FuzzExamples() {
	}

	/** A run of {@code examples} examples, or fewer if {@code fuzz.examples} says so. */
	public static QuickTheory qt(int examples) {
		return QuickTheory.qt().withExamples(count(examples)).withShrinkCycles(SHRINK_CYCLES);
	}

	static int count(int examples) {
		String cap = System.getProperty("fuzz.examples");
		if (cap == null || cap.isBlank()) {
			return examples;
		}
		return Math.max(1, Math.min(examples, Integer.parseInt(cap.trim())));
	}

}
