package studio.northwind.deskflow;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.moonlight.testing.Axe;
import dev.moonlight.testing.BrowserSession;
import dev.moonlight.testing.Browsers;
import dev.moonlight.testing.HeadlessChromium;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code /docs} explorer in a real headless Chromium: a shared link that preselects
 * {@code task.list} and runs it must show the HTTP status and the envelope with the
 * seeded tasks (so the page's script runs under its own Content-Security-Policy), and a
 * link to a write only fills the form. Fails, never skips, without Chromium.
 */
class DocsBrowserTests {

	@RegisterExtension
	static final Browsers browsers = new Browsers();

	private static final Pattern STATUS = Pattern.compile("<output id=\"status\"[^>]*>([^<]*)</output>");

	private static final Pattern RESPONSE = Pattern.compile("<pre id=\"response\"[^>]*>(.*?)</pre>", Pattern.DOTALL);

	private static final Pattern NOTICE = Pattern.compile("<div id=\"notice\"[^>]*>([^<]*)</div>");

	private static final Pattern ID_FIELD = Pattern.compile("<input[^>]*id=\"param-id\"[^>]*>");

	@Test
	void aLinkToTaskListRunsItAndShowsTheEnvelope() throws Exception {
		HeadlessChromium chromium = HeadlessChromium.installed();
		try (RunningApp app = ShippedConfig.deskflow().start()) {
			String dom = chromium.dumpDom(app.baseUrl() + "/docs?action=task.list&run=1", Duration.ofSeconds(15),
					Duration.ofSeconds(90));
			assertThat(group(STATUS, dom)).as("the HTTP status the page shows").isEqualTo("200");
			assertThat(group(RESPONSE, dom)).as("the pretty-printed envelope")
				.contains("\"returnCode\": 0")
				.contains("\"returnMessage\": \"OK\"")
				.contains("Review homepage mockups");
		}
	}

	/**
	 * Issue 12, finding 9: {@code ?action=task.delete&run=1} ran the delete at once with
	 * the token the page keeps in sessionStorage. Now a link to an action that needs a
	 * login fills the form and waits for the click.
	 */
	@Test
	void aLinkToAWriteFillsTheFormButDoesNotRunIt() throws Exception {
		HeadlessChromium chromium = HeadlessChromium.installed();
		try (RunningApp app = ShippedConfig.deskflow().start()) {
			String dom = chromium.dumpDom(app.baseUrl() + "/docs?action=task.delete&id=3&run=1", Duration.ofSeconds(15),
					Duration.ofSeconds(90));
			assertThat(group(STATUS, dom)).as("nothing was sent").isEqualTo("–");
			assertThat(group(RESPONSE, dom)).isEqualTo("Pick an action and press Send.");
			assertThat(group(NOTICE, dom)).isEqualTo("This link filled in task.delete but did not run it: it needs a"
					+ " login, so it runs only when you press Send.");
			Matcher id = ID_FIELD.matcher(dom);
			assertThat(id.find()).as("the form of task.delete, with its id field, in %s", dom).isTrue();
			new DeskFlowCalls(app).call("{\"service\":\"task\",\"action\":\"get\",\"id\":3}").expectStatus().isOk();
		}
	}

	/**
	 * The explorer as axe-core sees it before and after a call: no violation of impact
	 * serious or critical (its request block was a {@code pre} with a name it may not
	 * carry).
	 */
	@Test
	void theExplorerHasNoSeriousViolation() {
		try (RunningApp app = ShippedConfig.deskflow().start()) {
			BrowserSession browser = browsers.forTest();
			browser.driver().get(app.baseUrl() + "/docs");
			browser.await("the explorer's action list", ExpectedConditions.presenceOfElementLocated(By.id("status")));
			assertThat(Axe.seriousViolations(browser)).as("axe-core on /docs before a call").isEmpty();
			browser.driver().get(app.baseUrl() + "/docs?action=task.list&run=1");
			browser.await("the call's status on the page", ExpectedConditions.textToBe(By.id("status"), "200"));
			assertThat(Axe.seriousViolations(browser)).as("axe-core on /docs").isEmpty();
		}
	}

	private static String group(Pattern pattern, String dom) {
		Matcher matcher = pattern.matcher(dom);
		assertThat(matcher.find()).as("the page has %s; its DOM: %s", pattern, dom).isTrue();
		return matcher.group(1);
	}

}
