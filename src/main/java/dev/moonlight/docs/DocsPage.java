package dev.moonlight.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

/**
 * The {@code /docs} page: an HTML file with its style inline and the catalog embedded as
 * JSON, and one script beside it (no CDN, so it works on a machine without internet). It
 * lists the actions by service, builds a form from the parameters, and sends the call
 * with {@code fetch}. {@code ?action=task.list&run=1} preselects an action and, for a
 * public one, sends it at once without a token; any other action a link names waits for
 * the user's click on Send.
 * <p>
 * The script is a file of its own so that the page can name it in a {@code 103 Early
 * Hints} while the page is rendered; its path carries its hash, so it is cached for good
 * and a new jar never meets a stale copy. The page's {@link #contentSecurityPolicy} lets
 * only that script (by its SHA-256, which the {@code integrity} attribute also gives: CSP
 * 3 matches an external script's hash through it) and the inline style run, lets it call
 * only this server, and forbids framing it. The embedded catalog is a JSON data block,
 * which a browser never runs.
 *
 * @param html the page
 * @param contentSecurityPolicy the {@code Content-Security-Policy} to send with it
 * @param scriptPath where the page's script is served
 * @param script the script's bytes
 * @param preload the {@code Link} that names the script in the page's early hints
 */
record DocsPage(String html, String contentSecurityPolicy, String scriptPath, byte[] script, String preload) {

	private static final String TEMPLATE = "docs-page.html";

	private static final String SCRIPT = "docs-page.js";

	/**
	 * The inline block the policy allows: the style without attributes.
	 */
	private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);

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
		String template = new String(resource(TEMPLATE), StandardCharsets.UTF_8);
		byte[] script = resource(SCRIPT);
		byte[] scriptDigest = DocsGate.digest(script);
		String integrity = "sha256-" + Base64.getEncoder().encodeToString(scriptDigest);
		String scriptPath = DocsHandler.SCRIPT_PREFIX + HexFormat.of().formatHex(scriptDigest, 0, 8) + ".js";
		String policy = "default-src 'none'; script-src '" + integrity + "'; style-src " + hash(STYLE, template)
				+ "; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
		String html = template.replace("{{TITLE}}", safeTitle)
			.replace("{{SCRIPT_PATH}}", scriptPath)
			.replace("{{SCRIPT_INTEGRITY}}", integrity)
			.replace("{{CATALOG}}", embedded);
		String preload = "<" + scriptPath + ">; rel=preload; as=script; integrity=\"" + integrity + "\"";
		return new DocsPage(html, policy, scriptPath, script, preload);
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

	private static byte[] resource(String name) {
		try (InputStream in = DocsPage.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("The docs page's " + name + " is missing from the jar");
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
