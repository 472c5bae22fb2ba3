package dev.moonlight.aot;

/**
 * One condition Spring evaluated while the AOT build ran: the class or bean method it
 * guards ({@code com.example.Config} or {@code com.example.Config#bean}), the condition's
 * class and whether it matched.
 *
 * @param source the class or {@code class#method} the condition guards
 * @param condition the condition's class name
 * @param matched whether it matched at build time
 */
record RecordedCondition(String source, String condition, boolean matched) {

	private static final String MATCH = "match";

	private static final String NO_MATCH = "no-match";

	/** The line of the resource the build writes; tab-separated. */
	String line() {
		return (this.matched ? MATCH : NO_MATCH) + '\t' + this.condition + '\t' + this.source;
	}

	/** The condition a {@link #line()} wrote. */
	static RecordedCondition parse(String line) {
		String[] fields = line.split("\t", 3);
		if (fields.length != 3 || !(MATCH.equals(fields[0]) || NO_MATCH.equals(fields[0]))) {
			throw new IllegalArgumentException("Not a recorded condition: '" + line + "'");
		}
		return new RecordedCondition(fields[2], fields[1], MATCH.equals(fields[0]));
	}

}
