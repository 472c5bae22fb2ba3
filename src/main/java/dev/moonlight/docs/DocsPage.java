package dev.moonlight.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

/**
 * The {@code /docs} page: one self-contained HTML file (inline CSS and JS, no CDN, so it
 * works on a machine without internet) with the catalog embedded as JSON. It lists the
 * actions by service, builds a form from the parameters, and sends the call with
 * {@code fetch}. {@code ?action=task.list&run=1} preselects an action and, for a public
 * one, sends it at once without a token; any other action a link names waits for the
 * user's click on Send.
 * <p>
 * The page's {@link #contentSecurityPolicy} lets only its own inline script and style
 * run, by their SHA-256 hashes (the embedded catalog is a JSON data block, which a
 * browser never runs), lets it call only this server, and forbids framing it.
 *
 * @param html the page
 * @param contentSecurityPolicy the {@code Content-Security-Policy} to send with it
 */
record DocsPage(String html, String contentSecurityPolicy) {

	private static final String TEMPLATE = "docs-page.html";

	/**
	 * The blocks the policy allows: the style and the script without attributes (not the
	 * catalog's data block).
	 */
	private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);

	private static final Pattern SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);

	/**
	 * @param title the application's name
	 * @param catalogJson the catalog of every version, as a JSON array
	 * @return the page and its policy
	 */
	static DocsPage render(String title, String catalogJson) {
		// Inside <script>, "</script>" or "<!--" in a string would end or confuse the
		// block; \u003c keeps the JSON equal.
		String embedded = catalogJson.replace("<", "\\u003c");
		// Braces escaped too, so no title can smuggle in a placeholder.
		String safeTitle = HtmlUtils.htmlEscape(title).replace("{", "&#123;");
		String template = template();
		String policy = "default-src 'none'; script-src " + hash(SCRIPT, template) + "; style-src "
				+ hash(STYLE, template) + "; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none';"
				+ " frame-ancestors 'none'";
		return new DocsPage(template.replace("{{TITLE}}", safeTitle).replace("{{CATALOG}}", embedded), policy);
	}

	/**
	 * The CSP source of the one block the pattern finds, which holds no placeholder (so
	 * rendering leaves it as is).
	 */
	private static String hash(Pattern block, String template) {
		Matcher matcher = block.matcher(template);
		if (!matcher.find() || matcher.group(1).contains("{{")) {
			throw new IllegalStateException("The docs page template needs one " + block.pattern() + " block");
		}
		return "'sha256-" + Base64.getEncoder().encodeToString(DocsGate.digest(matcher.group(1))) + "'";
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
