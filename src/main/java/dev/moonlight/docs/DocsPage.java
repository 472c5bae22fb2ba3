package dev.moonlight.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.web.util.HtmlUtils;

/**
 * The {@code /docs} page: one self-contained HTML file (inline CSS and JS, no CDN, so it works on a machine without
 * internet) with the catalog embedded as JSON. It lists the actions by service, builds a form from the parameters,
 * and sends the call with {@code fetch}. {@code ?action=task.list&run=1} preselects an action and sends it.
 */
final class DocsPage {

	private static final String TEMPLATE = "docs-page.html";

	private DocsPage() {
	}

	/**
	 * @param title the application's name
	 * @param catalogJson the catalog of every version, as a JSON array
	 * @return the page
	 */
	static String render(String title, String catalogJson) {
		// Inside <script>, "</script>" or "<!--" in a string would end or confuse the block; \u003c keeps the JSON equal.
		String embedded = catalogJson.replace("<", "\\u003c");
		// Braces escaped too, so no title can smuggle in a placeholder.
		String safeTitle = HtmlUtils.htmlEscape(title).replace("{", "&#123;");
		return template().replace("{{TITLE}}", safeTitle).replace("{{CATALOG}}", embedded);
	}

	private static String template() {
		try (InputStream in = DocsPage.class.getResourceAsStream(TEMPLATE)) {
			if (in == null) {
				throw new IllegalStateException("The docs page template " + TEMPLATE + " is missing from the jar");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
