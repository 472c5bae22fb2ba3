package dev.moonlight.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * axe-core (vendored in {@code src/test/resources/axe/}, see its README) run on the page
 * a {@link BrowserSession} shows. It is injected through WebDriver, so the page's
 * Content-Security-Policy does not keep it out, and the page itself ships nothing for it.
 */
public final class Axe {

	/** The impacts that fail a page. */
	public static final Set<String> FAILING = Set.of("serious", "critical");

	private static final String SOURCE = load();

	private static final String RUN = """
			const done = arguments[arguments.length - 1];
			axe.run(document, { resultTypes: ['violations'] })
			  .then((results) => done(results.violations.map((v) => ({
			    id: v.id, impact: v.impact || '', help: v.help,
			    nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + n.failureSummary) }))))
			  .catch((error) => done([{ id: 'axe-error', impact: 'critical', help: String(error), nodes: [] }]));
			""";

	private Axe() {
	}

	/**
	 * The violations of impact serious or critical on the page as it is now, one line
	 * each with the rule, its help and the elements concerned.
	 */
	public static List<String> seriousViolations(BrowserSession browser) {
		browser.script("if (!window.axe) { " + SOURCE + "\n}");
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> violations = (List<Map<String, Object>>) browser.driver().executeAsyncScript(RUN);
		return violations.stream()
			.filter((violation) -> FAILING.contains(violation.get("impact")))
			.map((violation) -> violation.get("impact") + " " + violation.get("id") + " (" + violation.get("help")
					+ "): " + violation.get("nodes"))
			.toList();
	}

	private static String load() {
		try (InputStream in = Axe.class.getResourceAsStream("/axe/axe.min.js")) {
			if (in == null) {
				throw new IllegalStateException("axe/axe.min.js is missing from the test resources");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
