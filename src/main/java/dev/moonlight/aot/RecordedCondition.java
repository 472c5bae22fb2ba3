package dev.moonlight.aot;

import java.util.Optional;

/**
 * One condition Spring evaluated while the AOT build ran: the class or bean method it
 * guards ({@code com.example.Config} or {@code com.example.Config#bean}), the condition's
 * class, whether it matched, and the source's annotations when they could be written.
 *
 * @param source the class or {@code class#method} the condition guards
 * @param condition the condition's class name
 * @param matched whether it matched at build time
 * @param annotations the source's annotations as {@link RecordedAnnotations} wrote them,
 * or empty when the boot reads them from the class file
 */
record RecordedCondition(String source, String condition, boolean matched, Optional<String> annotations) {

	private static final String MATCH = "match";

	private static final String NO_MATCH = "no-match";

	/** The line of the resource the build writes; tab-separated. */
	String line() {
		return (this.matched ? MATCH : NO_MATCH) + '\t' + this.condition + '\t' + this.source
				+ this.annotations.map((text) -> '\t' + text).orElse("");
	}

	/** The condition a {@link #line()} wrote. */
	static RecordedCondition parse(String line) {
		String[] fields = line.split("\t", 4);
		if (fields.length < 3 || !(MATCH.equals(fields[0]) || NO_MATCH.equals(fields[0]))) {
			throw new IllegalArgumentException("Not a recorded condition: '" + line + "'");
		}
		return new RecordedCondition(fields[2], fields[1], MATCH.equals(fields[0]),
				(fields.length == 4) ? Optional.of(fields[3]) : Optional.empty());
	}

}
